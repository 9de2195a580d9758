import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes from environment variables only, validated once at boot so that a
 * wrong setting stops the process with a readable message instead of failing later.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Data folder: the embedded database (when DATABASE_URL is unset), keys, the process lock. */
  DATA_DIR: z.string().default('./data'),
  /** postgres://… — when set, the PostgreSQL server is used instead of the embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Seed the demo organisations and staff on first start (an empty database only). */
  SEED_DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Minutes without a request after which a staff session ends (SECURITY SESS-02). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Hours after sign-in after which a staff session ends whatever the activity. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-* headers are trusted. */
  TRUST_PROXY: z.string().default(''),
  /** 32 hex characters (128 bits). Unset: a key is generated once into DATA_DIR/keys/sm4.key. */
  SM4_KEY: z.string().regex(/^[0-9a-fA-F]{32}$/, 'SM4_KEY 必须是 32 位十六进制').optional(),
  /** 64 hex characters: key for the HMAC-SM3 over role grants. Unset: generated like SM4_KEY. */
  INTEGRITY_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'INTEGRITY_KEY 必须是 64 位十六进制').optional(),
  /** Serve the browsable API reference at /api/docs (off in hardened production, SECURITY API-05). */
  API_DOCS: bool.default(true),
  /**
   * redis://… — when set, processes share the rate-limit counters and tell each other when public
   * content changed (page caches emptied everywhere at once). Needed with more than one process.
   */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL 应以 redis:// 开头').optional(),
  /** Prefix of every Redis key and channel, so several installations can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/).default('gongkai:'),
  /** Seconds a rendered public page is served from memory (changes made in this process show at once). */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /** Requests allowed per minute per client address on sign-in and public forms. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(20),
  /**
   * Let the link check (公开审查) reach addresses inside private networks. Off: the check must not
   * become a way to probe the intranet from the server. Tests turn it on to check a loopback server.
   */
  LINK_CHECK_ALLOW_PRIVATE: bool.default(false),
  /**
   * 依申请公开: whether the fee-payment period pauses the reply clock. The law is silent
   * (disclosure-law.md §9 item 2, UNCONFIRMED); the default pauses it.
   */
  REQUEST_FEE_PAUSES_CLOCK: bool.default(true),
  /** Working days left at which officers are reminded of a case's deadline, comma-separated. */
  REQUEST_REMINDER_DAYS: z
    .string()
    .regex(/^\d{1,2}(,\d{1,2})*$/, 'REQUEST_REMINDER_DAYS 应为逗号分隔的天数，如 5,2')
    .default('5,2')
    .transform((s) => s.split(',').map(Number).sort((a, b) => b - a)),
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置有误，无法启动：\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

export class ConfigError extends Error {}
