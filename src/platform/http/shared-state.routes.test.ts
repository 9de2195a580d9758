import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Agent, pgUnavailable, testApp, testDatabase, type TestEnv } from '../../../test/harness.js';
import { connectSharedState } from './shared-state.js';
import { onPublicContentChange } from './page-cache.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = await new Promise<boolean>((resolve) => {
  const s = net.connect({ host: '127.0.0.1', port: 6379 }, () => {
    s.end();
    resolve(true);
  });
  s.on('error', () => resolve(false));
});
if (!redisUp && process.env.CI === 'true') throw new Error('Redis at 127.0.0.1:6379 is required in CI');

const silent = { warn: () => {} } as never;

describe.skipIf(!redisUp || pgUnavailable())('state shared between processes through Redis', () => {
  const prefix = `gk-test-${crypto.randomBytes(4).toString('hex')}:`;
  const envs: TestEnv[] = [];
  afterAll(async () => {
    for (const e of envs) await e.app.close();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  });

  // First, while no app of this file has registered its own cache or bridge.
  it('empties the page caches of the other processes when public content changes, and not its own twice', async () => {
    const one = await connectSharedState(REDIS_URL, prefix, silent);
    const other = await connectSharedState(REDIS_URL, prefix, silent);
    const seen: string[] = [];
    const off = onPublicContentChange(() => seen.push('cleared'));
    try {
      const { publicContentChanged } = await import('./page-cache.js');
      publicContentChanged(); // the local caches at once; then one message per bridge to the other bridge
      await new Promise((r) => setTimeout(r, 300));
      // Two bridges live in this one process: each hears the other's announcement once, never its own.
      expect(seen.length).toBe(3);
    } finally {
      off();
      await one.close();
      await other.close();
    }
  });

  it('counts sign-in attempts across app instances (one limit, not one per process)', async () => {
    const config = { REDIS_URL, REDIS_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '4' };
    const a = await testApp({ config });
    const b = await testApp({ config, database: await testDatabase() });
    envs.push(a, b);
    const codes: number[] = [];
    for (const app of [a.app, b.app, a.app, b.app, a.app, b.app]) codes.push((await new Agent(app).signIn('ghost', 'whatever-123')).statusCode);
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes.slice(4)).toEqual([429, 429]);
  });
});
