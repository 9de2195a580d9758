import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, pgUnavailable, type TestEnv } from '../../../test/harness.js';
import { audit, chainHash, verifyAuditChain } from './audit.js';
import { auditEvents } from './audit.tables.js';
import { inTransaction } from '../context.js';
import { organisations } from '../../features/organisations/organisations.tables.js';

describe.skipIf(pgUnavailable())('audit chain', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testApp();
    for (let i = 0; i < 10; i++) await audit(env.ctx, { action: 'test.event', objectType: 'thing', objectId: String(i), summary: { i, nested: { b: 2, a: [1, '二'] } } });
  });
  afterAll(() => env.close());

  // The trigger refuses UPDATE/DELETE for everyone; tampering tests act as the superuser would, with it off.
  const tamper = async (statement: string) => {
    await env.database.query('alter table audit_events disable trigger audit_events_no_update');
    try {
      await env.database.query(statement);
    } finally {
      await env.database.query('alter table audit_events enable trigger audit_events_no_update');
    }
  };

  it('verifies an untouched chain, in order, with gapless numbers', async () => {
    const r = await verifyAuditChain(env.database.db, env.keys.integrity);
    expect(r).toMatchObject({ ok: true, checked: 10, lastSeq: 10, problems: [] });
  });

  it('refuses UPDATE and DELETE on the audit table', async () => {
    await expect(env.database.query(`update audit_events set action = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(env.database.query(`delete from audit_events where seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('loses the audit row with the business change when the transaction fails (SECURITY LOG-04)', async () => {
    await expect(
      inTransaction(env.ctx, async (tx) => {
        await audit(tx, { action: 'test.rolled_back' });
        throw new Error('business write failed');
      }),
    ).rejects.toThrow();
    const rows = await env.database.db.select().from(auditEvents).where(sql`${auditEvents.action} = 'test.rolled_back'`);
    expect(rows).toHaveLength(0);
    expect((await verifyAuditChain(env.database.db, env.keys.integrity)).ok).toBe(true);
  });

  it('names an altered row', async () => {
    await tamper(`update audit_events set summary = '{"i": 99}' where seq = 4`);
    const r = await verifyAuditChain(env.database.db, env.keys.integrity);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ seq: 4, kind: 'ALTERED' });
    await tamper(`update audit_events set summary = '{"i": 3, "nested": {"a": [1, "二"], "b": 2}}' where seq = 4`);
    expect((await verifyAuditChain(env.database.db, env.keys.integrity)).ok).toBe(true);
  });

  it('names the place of a deleted row', async () => {
    const [row] = await env.database.db.select().from(auditEvents).where(sql`${auditEvents.seq} = 6`);
    await tamper(`delete from audit_events where seq = 6`);
    const r = await verifyAuditChain(env.database.db, env.keys.integrity);
    expect(r.problems[0]).toMatchObject({ seq: 7, kind: 'MISSING' });
    expect(r.problems[0].message).toContain('第 6 至 6 条');
    await env.database.db.insert(auditEvents).values(row);
    expect((await verifyAuditChain(env.database.db, env.keys.integrity)).ok).toBe(true);
  });

  it('names an inserted row, even one linked correctly by someone without the key', async () => {
    const [prev] = await env.database.db.select().from(auditEvents).where(sql`${auditEvents.seq} = 10`);
    const forged = { ...prev, seq: 11, action: 'auth.login', prevHash: prev.hash, summary: { forged: true } };
    forged.hash = chainHash(Buffer.alloc(32), forged); // the attacker's guess at the key
    await env.database.db.insert(auditEvents).values(forged);
    const r = await verifyAuditChain(env.database.db, env.keys.integrity);
    expect(r.problems[0]).toMatchObject({ seq: 11, kind: 'ALTERED' });
    await tamper(`delete from audit_events where seq = 11`);
  });

  it('detects rows renumbered to hide a deletion', async () => {
    await tamper(`delete from audit_events where seq = 3`);
    await tamper(`update audit_events set seq = -seq where seq > 3`);
    await tamper(`update audit_events set seq = -seq - 1 where seq < 0`);
    const r = await verifyAuditChain(env.database.db, env.keys.integrity);
    expect(r.ok).toBe(false);
    expect(r.problems[0].seq).toBe(3);
    expect(['BROKEN_LINK', 'ALTERED']).toContain(r.problems[0].kind);
  });

  it('keeps appending in sequence when writers race', async () => {
    await env.database.query('alter table audit_events disable trigger audit_events_no_truncate');
    await env.database.query('truncate audit_events');
    await env.database.query('alter table audit_events enable trigger audit_events_no_truncate');
    const [org] = await env.database.db.insert(organisations).values({ code: 'RACE00001', slug: 'race', name: '并发测试局', shortName: '并发', kind: 'national' }).returning();
    await Promise.all(Array.from({ length: 20 }, (_, i) => inTransaction(env.ctx, (tx) => audit(tx, { action: 'test.race', orgId: org.id, summary: { i } }))));
    const r = await verifyAuditChain(env.database.db, env.keys.integrity);
    expect(r).toMatchObject({ ok: true, checked: 20, lastSeq: 20 });
  });
});
