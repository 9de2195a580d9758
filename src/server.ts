import { loadConfig, ConfigError } from './platform/config/config.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { openPlatform, systemCtx } from './bootstrap.js';
import { buildApp } from './app.js';
import { readDemoCredentials, seedDemo } from './platform/db/seed.js';
import { purgeExpiredSessions } from './platform/auth/auth.service.js';
import { publishDue } from './features/catalog/catalog.service.js';

/** Starts Gongkai: open and migrate the database, seed the demo on first start, listen, stop with grace. */
async function main() {
  const cfg = loadConfig();
  const platform = await openPlatform(cfg);
  const ctx = systemCtx(platform, cfg, 'system');
  if (cfg.SEED_DEMO) await seedDemo(ctx);
  const app = await buildApp({ config: cfg, database: platform.database, keys: platform.keys });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await app.close(); // stops accepting, lets in-flight requests finish
      await platform.database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const purge = setInterval(() => void purgeExpiredSessions(ctx).catch((err) => app.log.error({ err }, 'session purge failed')), 10 * 60_000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));

  // 定时发布: scheduled editions are rows in the database, so a restart loses none; each process
  // looks for due ones every 20 seconds and once at start (an edition due while stopped goes out now).
  const publishScheduled = () => void publishDue(ctx).catch((err) => app.log.error({ err }, 'scheduled publishing failed'));
  const scheduler = setInterval(publishScheduled, 20_000);
  scheduler.unref();
  app.addHook('onClose', async () => clearInterval(scheduler));
  publishScheduled();

  await app.listen({ host: cfg.HOST, port: cfg.PORT });
  const shown = cfg.HOST === '0.0.0.0' || cfg.HOST === '::' ? '127.0.0.1' : cfg.HOST.includes(':') ? `[${cfg.HOST}]` : cfg.HOST;
  const base = `http://${shown}:${cfg.PORT}`;
  const db = platform.database.kind === 'pglite' ? `内嵌 PGlite（${cfg.dataDir}/pgdata，仅供评估和单机使用）` : 'PostgreSQL 服务器（DATABASE_URL）';
  const lines = [
    '',
    'Gongkai 政务公开平台已启动',
    `  门户网站：   ${base}/`,
    `  工作人员控制台：${base}/admin/`,
    `  API 文档：   ${base}/api/docs`,
    `  数据库：     ${db}`,
  ];
  const demo = cfg.SEED_DEMO ? readDemoCredentials(cfg.dataDir) : null;
  if (demo) lines.push('', ...demo.trim().split('\n').map((l) => `  ${l}`));
  lines.push('', '按 Ctrl+C 停止。', '');
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`启动失败：${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
