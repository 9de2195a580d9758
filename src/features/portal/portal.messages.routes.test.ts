import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld } from '../../../test/factories.js';
import { multipart } from '../../../test/multipart.js';
import { messageFiles, messages } from '../messages/messages.tables.js';
import { seedDemoKnowledge } from '../knowledge/knowledge.seed.js';

const complaint = { category: 'complain', subject: '客户经理多次未按约定时间送货', content: '近一个月送货时间不固定，两次到晚上九点才送到，影响营业。', name: '李秀英', phone: '13857100022', publishConsent: '1' };
const keyOf = (html: string) => html.match(/name="idempotencyKey" value="([^"]+)"/)![1];

describe.skipIf(pgUnavailable())('the public message form, tracking and 智能问答 pages (no JavaScript needed)', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, []);
    await seedDemoKnowledge(env.ctx, w.root.id);
  });
  afterAll(() => env.close());
  const count = async () => (await env.ctx.db.select().from(messages)).length;
  const post = (fields: Record<string, string>, files?: Parameters<typeof multipart>[1]) => env.app.inject({ method: 'POST', url: '/org/zj/hdjl/write', ...multipart(fields, files) });

  it('lists every error in Chinese with the values kept, records nothing, and refuses a filled honeypot', async () => {
    const form = await env.app.inject({ method: 'GET', url: '/org/zj/hdjl/write' });
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toContain('no-store');
    const before = await count();
    const bad = await post({ idempotencyKey: keyOf(form.body), subject: '短', content: '', name: '', phone: 'x', category: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请选择留言类别');
    expect(bad.body).toContain('href="#f-subject"');
    expect(bad.body).toContain('value="短"');
    const robot = await post({ ...complaint, idempotencyKey: keyOf(form.body), website: 'http://spam.example' });
    expect(robot.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('takes a complaint with a photo once, shows the number and code, and the writer rates the reply on the tracking page', async () => {
    const key = keyOf((await env.app.inject({ method: 'GET', url: '/org/zj/hdjl/write' })).body);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const res = await post({ ...complaint, idempotencyKey: key }, [{ field: 'attachment', name: '照片.png', type: 'image/png', content: png }]);
    expect(res.statusCode).toBe(201);
    const [receiptNo, code] = [...res.body.matchAll(/<dd>([^<]+)<\/dd>/g)].map((m) => m[1]);
    expect(receiptNo).toMatch(/^LY2026-/);
    expect((await post({ ...complaint, idempotencyKey: key })).body).toContain('未重复登记');
    const [m] = await env.ctx.db.select().from(messages).where(eq(messages.receiptNo, receiptNo));
    expect((await env.ctx.db.select().from(messageFiles).where(eq(messageFiles.messageId, m.id))).length).toBe(1);
    // A file that is not what it says is refused.
    const fake = await post({ ...complaint, idempotencyKey: key }, [{ field: 'attachment', name: 'x.png', type: 'image/png', content: Buffer.from('MZ not an image') }]);
    expect(fake.statusCode).toBe(400);

    const tracked = await env.app.inject({ method: 'POST', url: '/hdjl/track', payload: { receiptNo, code } });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).toContain('待受理');
    expect(tracked.body).not.toContain('您对答复满意吗');
    const wrong = await env.app.inject({ method: 'POST', url: '/hdjl/track', payload: { receiptNo, code: 'ZZZZZZZZ' } });
    expect(wrong.statusCode).toBe(404);
    const early = await env.app.inject({ method: 'POST', url: '/hdjl/rate', payload: { receiptNo, code, rating: 'satisfied' } });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('留言答复后才能评价');
  });

  it('shows a 咨询 the answers the knowledge base already has before sending it, and sends it when the writer confirms', async () => {
    const key = keyOf((await env.app.inject({ method: 'GET', url: '/org/zj/hdjl/write' })).body);
    const consult = { category: 'consult', subject: '烟证丢了怎么补办', content: '店里装修把烟草专卖零售许可证弄丢了，请问怎么补办？', name: '张三', phone: '13900000001', idempotencyKey: key };
    const before = await count();
    const first = await post(consult);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('以下已有答案可能解答了您的问题');
    expect(first.body).toContain('烟草专卖零售许可证遗失了怎么补办？');
    expect(first.body).toContain('仍要提交');
    expect(await count()).toBe(before);
    const lookup = await post({ ...consult, intent: 'lookup' });
    expect(lookup.body).toContain('烟草专卖零售许可证遗失了怎么补办？');
    const sent = await post({ ...consult, confirmed: '1' });
    expect(sent.statusCode).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('answers questions on the 智能问答 page with the phrasing that matched, and shows the entry with its links', async () => {
    const page = await env.app.inject({ method: 'GET', url: `/org/zj/hdjl/zsk?q=${encodeURIComponent('烟证到期了怎么续')}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('烟草专卖零售许可证到期了如何延续？');
    expect(page.body).toContain('匹配的问法');
    const id = page.body.match(/hdjl\/zsk\/([0-9a-f-]{36})/)![1];
    const entry = await env.app.inject({ method: 'GET', url: `/org/zj/hdjl/zsk/${id}` });
    expect(entry.statusCode).toBe(200);
    expect((await env.app.inject({ method: 'GET', url: '/org/zj/hdjl/zsk/not-an-id' })).statusCode).toBe(404);
    const none = await env.app.inject({ method: 'GET', url: `/org/zj/hdjl/zsk?q=${encodeURIComponent('量子计算机')}` });
    expect(none.body).toContain('没有找到');
  });
});
