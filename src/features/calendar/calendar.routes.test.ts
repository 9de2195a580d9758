import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld, signedIn } from '../../../test/factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';

const Y2027 = {
  notice: '国办发明电〔2026〕9号',
  periods: [
    { festival: '元旦', off: ['2027-01-01', '2027-01-03'], work: [] },
    { festival: '春节', off: ['2027-02-06', '2027-02-14'], work: ['2027-02-20'] },
  ],
};

describe.skipIf(pgUnavailable())('working-day calendar API', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testApp();
    await buildWorld(env.ctx, ['sys_admin', 'editor']);
  });
  afterAll(() => env.close());
  const add = (q: string) => env.app.inject({ method: 'GET', url: `/api/v1/public/calendar/add-working-days?${q}` });

  it('computes a due date for anyone, across National Day', async () => {
    const res = await add('from=2026-09-30&days=20');
    expect(res.statusCode).toBe(200);
    // 10-08, 10-09, 10-10 (Sat, worked) = 3; 10-12…11-03 = 17 more
    expect(res.json()).toEqual({ from: '2026-09-30', days: 20, due: '2026-11-03' });
  });

  it('refuses impossible dates and bad numbers (400) and years not loaded (422)', async () => {
    for (const q of ['from=2026-02-30&days=1', 'from=2026-1-5&days=1', 'from=2026-01-05&days=-1', 'from=2026-01-05&days=1.5', 'from=2026-01-05']) expect((await add(q)).statusCode, q).toBe(400);
    const res = await add('from=2026-12-20&days=20');
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('2027 年的节假日安排尚未录入');
  });

  it('lists the loaded years with their notices', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/public/calendar/years' });
    const years = res.json().items as { year: number; notice: string; noticeUnverified: boolean; holidays: number }[];
    expect(years.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(years.find((y) => y.year === 2025)).toMatchObject({ notice: '国办发明电〔2024〕12号', noticeUnverified: false });
    expect(years.find((y) => y.year === 2026)!.holidays).toBe(33);
  });

  it('lets only the top organisation’s system administrator enter next year, validated and audited', async () => {
    expect((await (await signedIn(env.app, 'zj.sys_admin')).put('/api/v1/calendar/years/2027', Y2027)).statusCode).toBe(404);
    expect((await (await signedIn(env.app, 'root.editor')).put('/api/v1/calendar/years/2027', Y2027)).statusCode).toBe(403);
    const admin = await signedIn(env.app, 'root.sys_admin');
    const bad = await admin.put('/api/v1/calendar/years/2027', { ...Y2027, periods: [{ festival: '春节', off: ['2027-02-06', '2027-02-14'], work: ['2027-02-17'] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('不是周末');
    expect((await admin.put('/api/v1/calendar/years/2027', { ...Y2027, notice: '第九号通知' })).statusCode).toBe(400);

    const ok = await admin.put('/api/v1/calendar/years/2027', Y2027);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ year: 2027, source: 'entered', holidays: 12, workdays: 1 });
    expect((await add('from=2026-12-20&days=20')).json().due).toBe('2027-01-18'); // 12-21…12-31 (9), 01-01…01-03 off, 01-04…01-18 (11 more)
    expect((await add('from=2027-02-05&days=1')).json().due).toBe('2027-02-15');

    const again = await admin.put('/api/v1/calendar/years/2027', Y2027);
    expect(again.statusCode).toBe(400); // a correction needs a reason
    expect((await admin.put('/api/v1/calendar/years/2027', { ...Y2027, reason: '核对通知原文' })).statusCode).toBe(200);
    const events = await env.database.db.select().from(auditEvents).where(eq(auditEvents.objectType, 'calendar_year'));
    expect(events.map((e) => e.action)).toEqual(['calendar.enter', 'calendar.correct']);
    expect(events[1].summary).toMatchObject({ reason: '核对通知原文', notice: '国办发明电〔2026〕9号' });
  });
});
