import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld } from '../../../test/factories.js';

describe.skipIf(pgUnavailable())('portal pages', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testApp();
    await buildWorld(env.ctx, []);
  });
  afterAll(() => env.close());
  const get = (url: string, cookie?: string) => env.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('renders the home page as complete zh-CN HTML with landmarks, a skip link and the site identifiers', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html.startsWith('<!DOCTYPE html><html lang="zh-CN">')).toBe(true);
    for (const needle of ['<header', '<nav aria-label="主栏目"', '<main id="main"', '<footer', 'href="#main"', '网站标识码', 'bm99000001', '京ICP备00000000号', 'https://beian.miit.gov.cn/', 'recordcode=11000000000000', '主办单位', '网站地图', '我为政府网站找错']) expect(html).toContain(needle);
    for (const col of ['信息公开', '政策解读', '回应关切', '办事服务', '互动交流']) expect(html).toContain(col);
    expect(html).toContain('<meta name="SiteIDCode" content="bm99000001"/>');
    expect(html).not.toContain('<script');
  });

  it('gives every provincial bureau its own section with the same layout', async () => {
    const res = await get('/org/zj/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>测试浙江省局</title>');
    expect(res.body).toContain('href="/org/hz/"'); // its subordinate
    const col = await get('/org/zj/xxgk/');
    expect(col.body).toContain('<meta name="ColumnName" content="信息公开"/>');
    expect(col.body).toContain('办公室');
    expect((await get('/org/zj/zcjd/')).body).toContain('没有符合条件的信息');
    expect((await get('/org/zj/hygq/')).body).toContain('本栏目暂无信息');
    expect((await get('/org/zj')).headers.location).toBe('/org/zj/');
    expect((await get('/org/root/')).headers.location).toBe('/');
  });

  it('answers unknown pages with the site’s 404 page, never a bare error', async () => {
    for (const url of ['/org/nowhere/', '/org/zj/nope/', '/no/such/page']) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('页面不存在');
      expect(res.body).toContain('<footer');
    }
  });

  it('switches the elder-friendly mode with a plain form and keeps the choice in a cookie', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/preferences/elder', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'on=1&next=%2Forg%2Fzj%2Fxxgk%2F' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/org/zj/xxgk/');
    const c = res.cookies.find((k) => k.name === 'gk_elder')!;
    expect(c.value).toBe('1');
    const page = await get('/org/zj/xxgk/', 'gk_elder=1');
    expect(page.body).toContain('<html lang="zh-CN" class="elder">');
    expect(page.body).toContain('退出长者模式');
    expect(page.headers.vary).toContain('Cookie');
  });

  it('redirects only to paths on this site (SECURITY API-07)', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await env.app.inject({ method: 'POST', url: '/preferences/elder', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `on=1&next=${encodeURIComponent(next)}` });
      expect(res.headers.location).toBe('/');
    }
  });

  it('serves robots.txt, an XML sitemap and a site map page', async () => {
    expect((await get('/robots.txt')).body).toContain('Disallow: /admin/');
    const xml = await get('/sitemap.xml');
    expect(xml.headers['content-type']).toContain('application/xml');
    expect(xml.body).toContain('/sitemap-pages.xml</loc>');
    expect((await get('/sitemap-pages.xml')).body).toContain('/org/gd/hdjl/</loc>');
    const map = await get('/sitemap');
    expect(map.body).toContain('测试广东省局');
    for (const slug of ['root', 'zj', 'gd', 'hz']) expect(map.body).toContain(`href="/org/${slug}/xxgk/"`);
  });

  it('sends the security headers on every page (SECURITY API-01)', async () => {
    const res = await get('/');
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['content-security-policy']).toContain("base-uri 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBeDefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe.skipIf(pgUnavailable())('portal page cache', () => {
  it('serves a page from memory and shows a change made through the console at once', async () => {
    const env = await testApp();
    try {
      const { zj } = await buildWorld(env.ctx, ['sys_admin']);
      const first = await env.app.inject({ method: 'GET', url: '/org/zj/' });
      expect(first.headers['x-cache']).toBeUndefined();
      const second = await env.app.inject({ method: 'GET', url: '/org/zj/' });
      expect(second.headers['x-cache']).toBe('hit');
      expect(second.body).toBe(first.body);
      const elder = await env.app.inject({ method: 'GET', url: '/org/zj/', headers: { cookie: 'gk_elder=1' } });
      expect(elder.headers['x-cache']).toBeUndefined(); // the elder-friendly page is cached apart
      const { updateOrganisation } = await import('../organisations/organisations.service.js');
      await updateOrganisation(env.ctx, zj.id, { name: '测试浙江省局（更名）' });
      const after = await env.app.inject({ method: 'GET', url: '/org/zj/' });
      expect(after.headers['x-cache']).toBeUndefined();
      expect(after.body).toContain('测试浙江省局（更名）');
      expect((await env.app.inject({ method: 'GET', url: '/org/nowhere/' })).headers['x-cache']).toBeUndefined();
      expect((await env.app.inject({ method: 'GET', url: '/org/nowhere/' })).headers['x-cache']).toBeUndefined(); // errors are never cached
    } finally {
      await env.close();
    }
  });
});
