import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld } from '../../../test/factories.js';
import { multipart } from '../../../test/multipart.js';
import { disclosureRequestFiles, disclosureRequests } from '../requests/requests.tables.js';

const complete = {
  applicantType: 'COMMERCIAL',
  name: '杭州某某贸易有限公司',
  contactPerson: '王经理',
  idType: 'CREDIT_CODE',
  idNumber: '91330100MA2XXXXX0X',
  phone: '0571-88886666',
  email: '',
  address: '杭州市上城区某路8号',
  infoDescription: '贵局2025年卷烟零售点合理布局规划文件',
  provisionForm: 'PAPER',
  delivery: 'POST',
};

describe.skipIf(pgUnavailable())('the public application form', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testApp();
    await buildWorld(env.ctx, []);
  });
  afterAll(() => env.close());
  const count = async () => (await env.ctx.db.select().from(disclosureRequests)).length;
  const post = (fields: Record<string, string>, files?: Parameters<typeof multipart>[1]) => env.app.inject({ method: 'POST', url: '/org/zj/ysqgk/', ...multipart(fields, files) });

  it('serves the form with a fresh one-time key and never from the page cache', async () => {
    const a = await env.app.inject({ method: 'GET', url: '/org/zj/ysqgk/' });
    const b = await env.app.inject({ method: 'GET', url: '/org/zj/ysqgk/' });
    const key = (html: string) => html.match(/name="idempotencyKey" value="([^"]+)"/)![1];
    expect(a.statusCode).toBe(200);
    expect(a.headers['cache-control']).toContain('no-store');
    expect(key(a.body)).not.toBe(key(b.body));
    expect(a.body).toContain(`encType="multipart/form-data"`);
    expect(a.body).not.toContain('<script');
  });

  it('returns the form with every error in Chinese, the values kept, and nothing recorded', async () => {
    const res = await post({ idempotencyKey: crypto.randomUUID(), name: '张' });
    expect(res.statusCode).toBe(400);
    for (const m of ['请选择申请人类型', '请填写申请人姓名或名称', '请填写联系电话', '请描述所需的政府信息', '请选择获取信息的方式']) expect(res.body).toContain(m);
    expect(res.body).toContain('value="张"');
    expect(res.body).toContain('aria-invalid="true"');
    expect(await count()).toBe(0);
  });

  it('refuses an upload that is not really a PDF or image, whatever its name says', async () => {
    const res = await post({ ...complete, idempotencyKey: crypto.randomUUID() }, [{ field: 'licenceFile', name: '营业执照.pdf', type: 'application/pdf', content: Buffer.from('MZ\x90\x00 not a pdf') }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('不是有效的 PDF、JPG、PNG 文件');
    expect(await count()).toBe(0);
  });

  it('refuses a file over 5 MB', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)]);
    const res = await post({ ...complete, idempotencyKey: crypto.randomUUID() }, [{ field: 'identityFile', name: 'big.pdf', type: 'application/pdf', content: big }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('超过 5 MB');
    expect(await count()).toBe(0);
  });

  it('records a complete application once, seals the upload, and shows the receipt number and 查询码', async () => {
    const key = crypto.randomUUID();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);
    const res = await post({ ...complete, idempotencyKey: key }, [{ field: 'licenceFile', name: '营业执照.png', type: 'image/png', content: png }]);
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain('申请已提交');
    const receipt = res.body.match(/<dt>受理编号<\/dt><dd>([^<]+)<\/dd>/)![1];
    const code = res.body.match(/<dt>查询码<\/dt><dd>([^<]+)<\/dd>/)![1];
    const again = await post({ ...complete, idempotencyKey: key });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('未重复登记');
    expect(again.body).toContain(receipt);
    expect(await count()).toBe(1);
    const [file] = await env.ctx.db.select().from(disclosureRequestFiles);
    expect(file).toMatchObject({ kind: 'licence', mime: 'image/png', size: png.length });
    expect(file.contentSealed).not.toContain(png.toString('base64'));

    const tracked = await env.app.inject({ method: 'POST', url: '/ysqgk/track', payload: { receiptNo: receipt, code } });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).toContain('待确认');
    const letter = await env.app.inject({ method: 'POST', url: '/ysqgk/letter', payload: { receiptNo: receipt, code, kind: 'receipt', format: 'docx' } });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-disposition']).toContain('.docx');
    // The reply letter is not the applicant's until it has been delivered.
    const reply = await env.app.inject({ method: 'POST', url: '/ysqgk/letter', payload: { receiptNo: receipt, code, kind: 'reply', format: 'docx' } });
    expect(reply.statusCode).toBe(404);
  });

  it('rate-limits the tracking form', async () => {
    const limited = await testApp({ config: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/ysqgk/track', payload: { receiptNo: '2026-X-00001', code: 'AAAAAAAA' } })).statusCode);
      expect(codes).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
