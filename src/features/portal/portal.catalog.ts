import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors/errors.js';
import { FILE_TYPES, type FileType } from '../../platform/uploads/sniff.js';
import { publicDepartments } from '../organisations/organisations.service.js';
import type { Organisation } from '../organisations/organisations.tables.js';
import { GENRES, INTERPRETATION_FORMS, TOPIC_LABELS, VALIDITY, type Validity } from '../catalog/catalog.data.js';
import { browse, COLUMN_KINDS, latest, publicDocument, publicFile, search, sitemapPage, yearsOf, type CatalogColumn } from '../catalog/catalog.public.js';
import { listNodes, settingsOf } from '../catalog/catalog.service.js';
import { publishedReport, publishedReports } from '../reports/reports.service.js';
import { reportDocx } from '../reports/reports.docx.js';
import { reportPdf } from '../reports/reports.pdf.js';
import { DOCX_MIME, PDF_MIME } from '../../platform/documents/letter.js';
import { sendDownload } from '../../platform/export/xlsx.js';
import { AnnualReportPage, AnnualReportsPage, CataloguePage, DocumentPage, GuidePage, RulesPage, SearchPage, WithdrawnPage, XxgkPage, type BrowseState } from './pages/catalog.js';
import { columnHref, docHref, orgHome } from './pages/layout.js';
import type { Helpers } from './portal.requests.js';

const PAGE_SIZE = 20;
const SEARCH_PAGE_SIZE = 10;
const SITEMAP_SIZE = 10_000;
const int = (v: unknown, min: number, max: number) => {
  const n = Number.parseInt(String(v ?? ''), 10);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
};
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The public side of the catalogue (issue 3 §7–9): the 信息公开 column with its four sections,
 * the 政策解读 column, item pages at permanent addresses (410 once withdrawn), print view, site
 * search, RSS/Atom feeds per organisation and column, and the document part of the sitemap.
 */
export async function registerCatalogPages(app: FastifyInstance, { html, findOrg, site }: Helpers) {
  const orgMap = (orgs: Organisation[]) => new Map(orgs.map((o) => [o.id, o]));

  app.get<{ Params: { slug: string } }>('/org/:slug/xxgk/', async (req, reply) => {
    const { org, root, orgs } = await findOrg(req, req.params.slug);
    const items = (await browse(req.ctx, { orgIds: [org.id], kind: 'DOCUMENT', page: 1, pageSize: 10 })).items;
    return html(req, reply, XxgkPage, { org, root, latest: items, orgs: orgMap(orgs), departments: await publicDepartments(req.ctx, org.id), subordinates: orgs.filter((o) => o.parentId === org.id) });
  });

  app.get<{ Params: { slug: string } }>('/org/:slug/xxgk/zn/', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    const s = await settingsOf(req.ctx, org.id);
    return html(req, reply, GuidePage, { org, root, guide: s.guide, reviewedAt: s.guideReviewedAt });
  });
  app.get<{ Params: { slug: string } }>('/org/:slug/xxgk/zd/', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    return html(req, reply, RulesPage, { org, root, text: (await settingsOf(req.ctx, org.id)).rulesText });
  });
  app.get<{ Params: { slug: string } }>('/org/:slug/xxgk/nb/', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    return html(req, reply, AnnualReportsPage, { org, root, reports: await publishedReports(req.ctx, org.id) });
  });
  const reportOf = async (req: FastifyRequest<{ Params: { slug: string; year: string } }>) => {
    const { org, root } = await findOrg(req, req.params.slug);
    const year = int(req.params.year, 2008, 2100);
    const report = year ? await publishedReport(req.ctx, org.id, year) : null;
    if (!year || !report) throw notFound('年度报告');
    return { org, root, year, report };
  };
  app.get<{ Params: { slug: string; year: string } }>('/org/:slug/xxgk/nb/:year/', async (req, reply) => html(req, reply, AnnualReportPage, await reportOf(req)));
  app.get<{ Params: { slug: string; year: string } }>('/org/:slug/xxgk/nb/:year/report.docx', async (req, reply) => {
    const { org, year, report } = await reportOf(req);
    return sendDownload(reply, await reportDocx(report, year), `${org.name}${year}年政府信息公开工作年度报告.docx`, DOCX_MIME);
  });
  app.get<{ Params: { slug: string; year: string } }>('/org/:slug/xxgk/nb/:year/report.pdf', async (req, reply) => {
    const { org, year, report } = await reportOf(req);
    return sendDownload(reply, await reportPdf(report, year), `${org.name}${year}年政府信息公开工作年度报告.pdf`, PDF_MIME);
  });

  /** The catalogue listing of one column: the national bureau's lists every organisation's items (with an organisation facet). */
  const listing = async (req: FastifyRequest<{ Params: { slug: string }; Querystring: Record<string, string> }>, reply: FastifyReply, column: CatalogColumn) => {
    const { org, root, orgs } = await findOrg(req, req.params.slug);
    const q = req.query ?? {};
    const scope = org.id === root.id ? orgs : [org];
    const chosen = scope.length > 1 && q.org ? scope.find((o) => o.slug === q.org) : undefined;
    const orgIds = chosen ? [chosen.id] : scope.map((o) => o.id);
    const nodes = column === 'xxgk' ? await listNodes(req.ctx, org.id) : [];
    const genreOk = (g: string) => (GENRES as readonly string[]).includes(g) || g in INTERPRETATION_FORMS || /^[A-Z_]{3,20}$/.test(g);
    const state: BrowseState = {
      org: chosen?.slug ?? '',
      node: nodes.some((n) => n.id === q.node) && scope.length === 1 ? q.node : '',
      topic: q.topic && (q.topic in TOPIC_LABELS) ? q.topic : '',
      fiveOpen: q.fiveOpen && /^[A-Z]{4,12}$/.test(q.fiveOpen) ? q.fiveOpen : '',
      genre: q.genre && genreOk(q.genre) ? q.genre : '',
      year: int(q.year, 2000, 2100) ? q.year : '',
      validity: q.validity && q.validity in VALIDITY ? q.validity : '',
      sort: q.sort === 'old' ? 'old' : 'new',
      page: int(q.page, 1, 5000) ?? 1,
    };
    const isInterp = column === 'zcjd';
    const { items, total } = await browse(req.ctx, {
      orgIds,
      kind: COLUMN_KINDS[column],
      nodeId: state.node || undefined,
      topic: state.topic || undefined,
      fiveOpen: state.fiveOpen || undefined,
      genre: !isInterp ? state.genre || undefined : undefined,
      form: isInterp ? state.genre || undefined : undefined,
      year: state.year ? Number(state.year) : undefined,
      validity: (state.validity || undefined) as Validity | undefined,
      sort: state.sort as 'new' | 'old',
      page: state.page,
      pageSize: PAGE_SIZE,
    });
    const years = await yearsOf(req.ctx, orgIds, COLUMN_KINDS[column]);
    return html(req, reply, CataloguePage, { org, root, column, items, total, pageSize: PAGE_SIZE, state, nodes, years, orgs: orgMap(orgs), orgOptions: scope });
  };
  app.get<{ Params: { slug: string }; Querystring: Record<string, string> }>('/org/:slug/xxgk/ml/', (req, reply) => listing(req, reply, 'xxgk'));
  app.get<{ Params: { slug: string }; Querystring: Record<string, string> }>('/org/:slug/zcjd/', (req, reply) => listing(req, reply, 'zcjd'));

  const item = async (req: FastifyRequest<{ Params: { slug: string; id: string } }>, reply: FastifyReply, column: CatalogColumn, print: boolean) => {
    const { org, root, orgs } = await findOrg(req, req.params.slug);
    if (!/^[0-9a-f-]{36}$/.test(req.params.id)) throw notFound('信息');
    const found = await publicDocument(req.ctx, req.params.id);
    // An item lives at one address: its own organisation and column.
    if (!found || found.row.orgId !== org.id || found.row.kind !== COLUMN_KINDS[column]) throw notFound('信息');
    if (found.row.status === 'withdrawn') return html(req, reply, WithdrawnPage, { org, root, row: found.row }, 410);
    return html(req, reply, DocumentPage, { org, root, row: found.row, validity: found.validity, related: found.related, orgs: orgMap(orgs), print });
  };
  for (const column of ['xxgk', 'zcjd'] as const) {
    app.get<{ Params: { slug: string; id: string } }>(`/org/:slug/${column}/content/:id/`, (req, reply) => item(req, reply, column, false));
    app.get<{ Params: { slug: string; id: string } }>(`/org/:slug/${column}/content/:id/print`, (req, reply) => item(req, reply, column, true));
    app.get<{ Params: { slug: string; id: string; fileId: string } }>(`/org/:slug/${column}/content/:id/files/:fileId`, async (req, reply) => {
      if (!/^[0-9a-f-]{36}$/.test(req.params.id) || !/^[0-9a-f-]{36}$/.test(req.params.fileId)) throw notFound('附件');
      const f = await publicFile(req.ctx, req.params.id, req.params.fileId);
      if (!f) throw notFound('附件');
      const inline = f.type === 'pdf' || f.type === 'jpg' || f.type === 'png';
      return reply
        .type(FILE_TYPES[f.type as FileType].mime)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=300')
        .send(f.content);
    });
  }

  /** An organisation and the active ones below it, from the list the portal already holds. */
  const subtreeOf = (orgs: Organisation[], id: string) => {
    const ids = [id];
    for (let i = 0; i < ids.length; i++) for (const o of orgs) if (o.parentId === ids[i]) ids.push(o.id);
    return ids;
  };

  app.get<{ Querystring: Record<string, string> }>('/search', async (req, reply) => {
    const { root, orgs } = await site(req);
    const q = req.query ?? {};
    const chosen = q.org ? orgs.find((o) => o.slug === q.org) : undefined;
    const state = {
      q: (q.q ?? '').trim().slice(0, 60),
      org: chosen?.slug ?? '',
      column: q.column === 'xxgk' || q.column === 'zcjd' ? q.column : '',
      genre: q.genre && (GENRES as readonly string[]).includes(q.genre) ? q.genre : '',
      year: int(q.year, 2000, 2100) ? q.year : '',
      validity: q.validity && q.validity in VALIDITY ? q.validity : '',
      page: int(q.page, 1, 100) ?? 1,
    };
    // A bureau's search covers its own items and those of the bureaus below it.
    const orgIds = chosen ? subtreeOf(orgs, chosen.id) : orgs.map((o) => o.id);
    const result = state.q
      ? await search(req.ctx, { q: state.q, orgIds, kind: state.column ? COLUMN_KINDS[state.column as CatalogColumn] : undefined, genre: state.genre || undefined, year: state.year ? Number(state.year) : undefined, validity: (state.validity || undefined) as Validity | undefined, page: state.page, pageSize: SEARCH_PAGE_SIZE })
      : { hits: [], total: 0, capped: false, partial: false, suggestion: null };
    const years = state.q ? await yearsOf(req.ctx, orgIds) : [];
    return html(req, reply, SearchPage, { org: chosen ?? root, root, state, hits: result.hits, total: result.total, capped: result.capped, partial: result.partial, pageSize: SEARCH_PAGE_SIZE, suggestion: result.suggestion, orgs: orgMap(orgs), orgOptions: orgs, years });
  });

  // ───────── feeds ─────────
  const feed = async (req: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, column: CatalogColumn | null, format: 'rss' | 'atom') => {
    const { org, root } = await findOrg(req, req.params.slug);
    const base = `${req.protocol}://${req.host}`;
    const items = await latest(req.ctx, [org.id], column ? COLUMN_KINDS[column] : undefined, 50);
    const title = `${org.name} - ${column === 'zcjd' ? '政策解读' : column === 'xxgk' ? '信息公开' : '最新信息'}`;
    const home = `${base}${column ? columnHref(org, column) : orgHome(org, root)}`;
    const self = `${base}${req.url.split('?')[0]}`;
    const updated = (items[0]?.publishedAt ?? new Date(0)).toISOString();
    if (format === 'rss') {
      const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>${xml(title)}</title><link>${xml(home)}</link><description>${xml(title)}</description><language>zh-CN</language>
<atom:link href="${xml(self)}" rel="self" type="application/rss+xml"/>
${items.map((d) => `<item><title>${xml(d.title)}</title><link>${xml(base + docHref(org, d.kind, d.id))}</link><guid isPermaLink="true">${xml(base + docHref(org, d.kind, d.id))}</guid><pubDate>${d.firstPublishedAt.toUTCString()}</pubDate><description>${xml(d.summary)}</description></item>`).join('\n')}
</channel></rss>
`;
      return reply.type('application/rss+xml; charset=utf-8').send(body);
    }
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>${xml(title)}</title><id>${xml(home)}</id><link href="${xml(home)}"/><link rel="self" href="${xml(self)}"/><updated>${updated}</updated><author><name>${xml(org.name)}</name></author>
${items.map((d) => `<entry><title>${xml(d.title)}</title><id>${xml(base + docHref(org, d.kind, d.id))}</id><link href="${xml(base + docHref(org, d.kind, d.id))}"/><published>${d.firstPublishedAt.toISOString()}</published><updated>${d.publishedAt.toISOString()}</updated><summary>${xml(d.summary)}</summary></entry>`).join('\n')}
</feed>
`;
    return reply.type('application/atom+xml; charset=utf-8').send(body);
  };
  for (const format of ['rss', 'atom'] as const) {
    app.get<{ Params: { slug: string } }>(`/org/:slug/${format}.xml`, (req, reply) => feed(req, reply, null, format));
    for (const column of ['xxgk', 'zcjd'] as const) app.get<{ Params: { slug: string } }>(`/org/:slug/${column}/${format}.xml`, (req, reply) => feed(req, reply, column, format));
  }

  // ───────── sitemap: pages of 10,000 item addresses (the protocol allows 50,000) ─────────
  app.get<{ Params: { n: string } }>('/sitemap-docs-:n.xml', async (req, reply) => {
    const n = int(req.params.n, 1, 10_000);
    if (!n) throw notFound('页面');
    const { orgs } = await site(req);
    const byId = orgMap(orgs);
    const base = `${req.protocol}://${req.host}`;
    // Keyset pages: the n-th page starts after the last id of the (n-1)-th.
    let after: string | null = null;
    let rows: Awaited<ReturnType<typeof sitemapPage>> = [];
    for (let i = 1; i <= n; i++) {
      rows = await sitemapPage(req.ctx, after, SITEMAP_SIZE);
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
    }
    if (!rows.length && n > 1) throw notFound('页面');
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${rows.map((r) => `  <url><loc>${xml(base + docHref(byId.get(r.orgId)!, r.kind, r.id))}</loc><lastmod>${r.updatedAt.toISOString().slice(0, 10)}</lastmod></url>`).join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').send(body);
  });
}
