import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import formbody from '@fastify/formbody';
import { createElement, type ComponentType } from 'react';
import { z } from 'zod';
import type { Problem } from '../../platform/errors/error-handler.js';
import { notFound } from '../../platform/errors/errors.js';
import { publicDepartments, publicOrganisationBySlug, publicOrganisations } from '../organisations/organisations.service.js';
import type { Organisation } from '../organisations/organisations.tables.js';
import { COLUMNS, columnByKey, type ColumnKey } from './portal.columns.js';
import { ColumnPage, ErrorPage, HomePage, SitemapPage } from './pages/pages.js';
import { columnHref, orgHome } from './pages/layout.js';
import { renderPage } from './render.js';
import { PageCache, onPublicContentChange } from '../../platform/http/page-cache.js';
import { registerRequestPages } from './portal.requests.js';
import { registerMessagePages } from './portal.messages.js';
import { registerCatalogPages } from './portal.catalog.js';
import { countPublished } from '../catalog/catalog.public.js';

const ELDER_COOKIE = 'gk_elder';
const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../../public');

/**
 * The active organisations, read once and remembered until public content changes (an
 * organisation's change announces itself so): every portal page needs them.
 */
const siteMemo = new WeakMap<object, { generation: number; orgs: Promise<Organisation[]> }>();
let generation = 0;
onPublicContentChange(() => generation++);
async function site(req: FastifyRequest) {
  let known = siteMemo.get(req.ctx.db);
  if (!known || known.generation !== generation) {
    known = { generation, orgs: publicOrganisations(req.ctx) };
    siteMemo.set(req.ctx.db, known);
    known.orgs.catch(() => siteMemo.delete(req.ctx.db));
  }
  const orgs = await known.orgs;
  const root = orgs.find((o) => o.parentId === null);
  if (!root) throw notFound('网站');
  return { orgs, root };
}

function html<P extends object>(req: FastifyRequest, reply: FastifyReply, page: ComponentType<P>, props: Omit<P, 'elder' | 'path'>, status = 200) {
  const full = { ...props, elder: req.cookies[ELDER_COOKIE] === '1', path: req.url.split('?')[0] } as unknown as P;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('vary', 'Cookie')
    .send(renderPage(createElement(page, full)));
}

/** Only a same-site path may be a redirect target (SECURITY API-07). */
const safeNext = (n: unknown) => (typeof n === 'string' && /^\/(?![/\\])[^\s]*$/.test(n) && n.length < 300 ? n : '/');

export async function portalPlugin(app: FastifyInstance) {
  await app.register(formbody, { bodyLimit: 64 * 1024 });

  // Rendered pages are served from memory; any change to public content empties the cache.
  const cache = new PageCache<Buffer>(app.gongkai.config.PAGE_CACHE_SECONDS * 1000);
  const unsubscribe = onPublicContentChange(() => cache.clear());
  app.addHook('onClose', async () => unsubscribe());
  const cacheKey = (req: FastifyRequest) => `${req.cookies[ELDER_COOKIE] === '1' ? 'elder' : 'std'}|${req.host}|${req.url}`;
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET') return;
    const hit = cache.get(cacheKey(req));
    if (hit !== undefined) return reply.type('text/html; charset=utf-8').header('vary', 'Cookie').header('x-cache', 'hit').send(hit);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    // Pages marked no-store (forms with a one-time key, personal results) are never shared.
    if (
      req.method === 'GET' &&
      reply.statusCode === 200 &&
      typeof payload === 'string' &&
      String(reply.getHeader('content-type')).startsWith('text/html') &&
      !reply.getHeader('x-cache') &&
      !String(reply.getHeader('cache-control') ?? '').includes('no-store')
    )
      cache.set(cacheKey(req), Buffer.from(payload));
    return payload;
  });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', decorateReply: false, maxAge: '1h' });

  const orgPage = async (req: FastifyRequest, reply: FastifyReply, org: Organisation, root: Organisation, orgs: Organisation[], column?: ColumnKey) => {
    const departments = await publicDepartments(req.ctx, org.id);
    const subordinates = orgs.filter((o) => o.parentId === org.id);
    if (column) return html(req, reply, ColumnPage, { org, root, column, departments, subordinates });
    return html(req, reply, HomePage, { org, root, departments, subordinates });
  };

  app.get('/', async (req, reply) => {
    const { orgs, root } = await site(req);
    return orgPage(req, reply, root, root, orgs);
  });

  const findOrg = async (req: FastifyRequest, slug: string) => {
    const org = await publicOrganisationBySlug(req.ctx, slug);
    if (!org) throw notFound('网站');
    return { org, ...(await site(req)) };
  };

  app.get<{ Params: { slug: string } }>('/org/:slug', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    return reply.redirect(orgHome(org, root), 301);
  });
  app.get<{ Params: { slug: string } }>('/org/:slug/', async (req, reply) => {
    const { org, root, orgs } = await findOrg(req, req.params.slug);
    if (org.id === root.id) return reply.redirect('/', 301);
    return orgPage(req, reply, org, root, orgs);
  });
  app.get<{ Params: { slug: string; column: string } }>('/org/:slug/:column', async (req, reply) => {
    const { org } = await findOrg(req, req.params.slug);
    if (!columnByKey(req.params.column)) throw notFound('栏目');
    return reply.redirect(columnHref(org, req.params.column), 301);
  });
  app.get<{ Params: { slug: string; column: string } }>('/org/:slug/:column/', async (req, reply) => {
    const col = columnByKey(req.params.column);
    if (!col) throw notFound('栏目');
    const { org, root, orgs } = await findOrg(req, req.params.slug);
    return orgPage(req, reply, org, root, orgs, col.key);
  });

  await registerRequestPages(app, { html, findOrg, site });
  await registerMessagePages(app, { html, findOrg, site });
  await registerCatalogPages(app, { html, findOrg, site });

  app.get('/sitemap', async (req, reply) => {
    const { orgs, root } = await site(req);
    return html(req, reply, SitemapPage, { org: root, root, orgs });
  });

  // A sitemap index: the site's pages, then the published items in files of 10,000 addresses.
  app.get('/sitemap.xml', async (req, reply) => {
    const base = `${req.protocol}://${req.host}`;
    const docPages = Math.ceil((await countPublished(req.ctx)) / 10_000);
    const files = ['/sitemap-pages.xml', ...Array.from({ length: docPages }, (_, i) => `/sitemap-docs-${i + 1}.xml`)];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${files.map((f) => `  <sitemap><loc>${base}${f}</loc></sitemap>`).join('\n')}\n</sitemapindex>\n`;
    return reply.type('application/xml; charset=utf-8').send(body);
  });

  app.get('/sitemap-pages.xml', async (req, reply) => {
    const { orgs, root } = await site(req);
    const base = `${req.protocol}://${req.host}`;
    const sections = ['xxgk/zn/', 'xxgk/zd/', 'xxgk/ml/', 'xxgk/nb/'];
    const urls = orgs.flatMap((o) => [orgHome(o, root), ...COLUMNS.map((c) => columnHref(o, c.key)), ...sections.map((s) => `/org/${o.slug}/${s}`)]);
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${base}${u}</loc></url>`).join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').send(body);
  });

  app.get('/robots.txt', async (req, reply) =>
    reply.type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /admin/\nDisallow: /api/\nAllow: /api/v1/public/\nSitemap: ${req.protocol}://${req.host}/sitemap.xml\n`),
  );

  // 长者模式 is a display preference kept in the browser; it changes no server state.
  app.post('/preferences/elder', async (req, reply) => {
    const body = z.object({ on: z.enum(['0', '1']).default('1'), next: z.string().optional() }).safeParse(req.body ?? {});
    const on = body.success ? body.data.on === '1' : true;
    reply.setCookie(ELDER_COOKIE, on ? '1' : '0', { path: '/', sameSite: 'lax', httpOnly: true, secure: req.protocol === 'https', maxAge: 365 * 86400 });
    return reply.redirect(safeNext(body.success ? body.data.next : undefined), 303);
  });
}

/** Error pages in the site's own layout (404, 410, 429, 500), for every non-API path. */
export async function renderPortalError(req: FastifyRequest, reply: FastifyReply, p: Problem) {
  try {
    const { root } = await site(req);
    return html(req, reply, ErrorPage, { org: root, root, status: p.status, detail: p.detail, requestId: p.requestId }, p.status);
  } catch {
    return reply
      .code(p.status)
      .type('text/html; charset=utf-8')
      .send(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${p.title}</title></head><body><main><h1>${p.title}</h1><p>${p.detail}</p><p>请求编号：${p.requestId}</p></main></body></html>`);
  }
}
