import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld, signedIn } from '../../../test/factories.js';
import { letterDocx, letterPdf } from '../../platform/documents/letter.js';
import { extractSegments } from './attachments.js';

const PERSONAL = '当事人：李建国，身份证号码：11010519491231002X，联系电话：13800138000。';
const letter = (paragraphs: string[]) => ({ title: '行政处罚决定书', paragraphs, issuer: '测试浙江省局', date: '2026年3月2日' });
const b64 = (b: Buffer) => b.toString('base64');

describe.skipIf(pgUnavailable())('公开审查 of attachments and links', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testApp();
    await buildWorld(env.ctx, ['reviewer']);
  });
  afterAll(() => env.close());

  it('finds personal data in a Word file and produces a copy with it removed from the file', async () => {
    const a = await signedIn(env.app, 'zj.reviewer');
    const docx = await letterDocx(letter([PERSONAL, '执法人员：王强。']));
    const res = await a.post('/api/v1/review/attachment', { fileName: '决定书.docx', contentBase64: b64(docx), profile: 'penalty_decision_v1' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ type: 'docx', blocking: false, maskable: true });
    expect(body.parts[0].where).toBe('正文');
    expect(body.parts[0].spans.map((s: { type: string }) => s.type)).toEqual(['PERSON_NAME', 'ID_CARD', 'PHONE_MOBILE']);

    const masked = await a.post('/api/v1/review/attachment/masked', { fileName: '决定书.docx', contentBase64: b64(docx), profile: 'penalty_decision_v1' });
    expect(masked.statusCode).toBe(200);
    expect(masked.headers['x-masked-count']).toBe('3');
    const { segments } = await extractSegments(masked.rawPayload);
    const text = segments.map((s) => s.text).join('\n');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('李建国');
    expect(text).toContain('李某某');
    expect(text).toContain('执法人员：王强');
  });

  it('reads every sheet of a workbook and names the sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('汇总').addRow(['零售户', '电话']).commit();
    wb.getWorksheet('汇总')!.addRow(['张建华', '13912345678']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const a = await signedIn(env.app, 'zj.reviewer');
    const res = await a.post('/api/v1/review/attachment', { fileName: '名单.xlsx', contentBase64: b64(xlsx) });
    expect(res.json().parts[0].where).toBe('工作表“汇总”');
    expect(res.json().parts[0].spans.map((s: { type: string }) => s.type)).toContain('PHONE_MOBILE');
    expect(res.json().maskable).toBe(false);
  });

  it('blocks a PDF with personal data, page by page, and any file with a secrecy mark', async () => {
    const a = await signedIn(env.app, 'zj.reviewer');
    const pdf = await letterPdf(letter([PERSONAL]));
    const res = await a.post('/api/v1/review/attachment', { fileName: '决定书.pdf', contentBase64: b64(pdf) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ type: 'pdf', blocking: true });
    expect(res.json().parts[0].where).toBe('第 1 页');
    expect(res.json().reasons.join()).toContain('PDF 中含有个人信息');
    const secret = await letterDocx(letter(['机密★5年', '本文件内容。']));
    const r2 = await a.post('/api/v1/review/attachment', { fileName: 'x.docx', contentBase64: b64(secret) });
    expect(r2.json()).toMatchObject({ blocking: true });
    expect((await a.post('/api/v1/review/attachment/masked', { fileName: 'x.pdf', contentBase64: b64(pdf) })).statusCode).toBe(400);
  });

  it('refuses what is not a DOCX, XLSX or PDF, whatever the name', async () => {
    const a = await signedIn(env.app, 'zj.reviewer');
    const res = await a.post('/api/v1/review/attachment', { fileName: 'x.pdf', contentBase64: b64(Buffer.from('<html><script>alert(1)</script>')) });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('Word（DOCX）、Excel（XLSX）或 PDF');
  });

  describe('links', () => {
    let server: http.Server;
    let base = '';
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        if (req.url === '/ok') return res.writeHead(200).end('ok');
        if (req.url === '/moved') return res.writeHead(301, { location: '/ok' }).end();
        res.writeHead(404).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('does not reach into private networks by default', async () => {
      const a = await signedIn(env.app, 'zj.reviewer');
      const res = await a.post('/api/v1/review/links', { text: `详见 ${base}/ok 。` });
      expect(res.json().items).toEqual([{ url: `${base}/ok`, ok: null, status: null, reason: '内网地址，不予检查' }]);
    });

    it('reports links that answer, redirect, are missing or are not http', async () => {
      const open = await testApp({ config: { LINK_CHECK_ALLOW_PRIVATE: 'true' } });
      try {
        await buildWorld(open.ctx, ['reviewer']);
        const a = await signedIn(open.app, 'zj.reviewer');
        const res = await a.post('/api/v1/review/links', { text: `附件见${base}/ok，原链接${base}/moved；旧页面${base}/gone。ftp://x.example/f` });
        const items = res.json().items;
        expect(items.map((i: { url: string; ok: boolean }) => [i.url.replace(base, ''), i.ok])).toEqual([
          ['/ok', true],
          ['/moved', true],
          ['/gone', false],
        ]);
        expect(items[2].reason).toBe('页面不存在（404）');
      } finally {
        await open.close();
      }
    });
  });
});
