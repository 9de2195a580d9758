import './platform/config/zod-locale.js';
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { detectPii } from './features/review/pii.rules.js';
import { maskText, PROFILES } from './features/review/pii.masking.js';
import { and, eq } from 'drizzle-orm';
import { loadConfig, ConfigError } from './platform/config/config.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { openPlatform, systemCtx, type Platform } from './bootstrap.js';
import { seedDemo } from './platform/db/seed.js';
import { verifyAuditChain, audit } from './platform/audit/audit.js';
import { backupTo, restoreFrom } from './platform/db/backup.js';
import { isRole, ROLES, ROLE_KEYS } from './platform/auth/access.rules.js';
import { users, roleGrants } from './platform/auth/auth.tables.js';
import { DomainError } from './platform/errors/errors.js';
import { createStaff, resetPassword, securityAction, setRoles } from './features/staff/staff.service.js';
import { username as usernameSchema } from './features/staff/staff.contract.js';
import { workingCalendar } from './features/calendar/calendar.service.js';
import { parseDate } from './features/calendar/calendar.rules.js';
import { organisations } from './features/organisations/organisations.tables.js';
import { publishDue, reindexPublic } from './features/catalog/catalog.service.js';

const HELP = `用法：npx gongkai <命令> [参数]

  migrate                        应用数据库迁移
  seed                           在空数据库中写入演示数据
  create-admin --org <机构代码> --username <用户名> --name <姓名> [--role sys_admin]
                                 新建管理员账号，打印一次性初始密码（首次登录须修改）
  pii scan [--profile default]   从标准输入读取 JSON Lines {"id","text"}，向标准输出写 {"id","spans":[…],"masked"}
  calendar add <YYYY-MM-DD> <N>  打印自该日起第 N 个工作日的日期（起算日不计入）
  catalog reindex                重建全文检索索引（调整分词词典后运行）
  catalog publish-due            立即发布已到时间的定时发布信息（平台运行时每 20 秒自动执行）
  audit verify                   校验审计记录哈希链，报告第一处被篡改、插入或删除的记录
  backup <文件>                  备份全部数据（gzip 压缩的 JSON Lines）
  restore <文件>                 把备份恢复到空数据库

配置取自环境变量（DATA_DIR、DATABASE_URL 等，见 README）。`;

type Command = (p: Platform, args: string[], cfg: ReturnType<typeof loadConfig>) => Promise<number>;

const commands: Record<string, Command> = {
  async migrate() {
    console.log('数据库迁移已应用。');
    return 0;
  },

  async seed(p, _args, cfg) {
    const r = await seedDemo(systemCtx(p, cfg, 'cli'));
    console.log(r.seeded ? `演示数据已写入。演示账号密码：${r.password}（另见 ${cfg.dataDir}/demo-accounts.txt）` : '数据库中已有机构，未写入演示数据。');
    return 0;
  },

  async 'create-admin'(p, args, cfg) {
    const { values } = parseArgs({ args, options: { org: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'sys_admin' } } });
    if (!values.org || !values.username || !values.name) {
      console.error('请提供 --org、--username 和 --name。');
      return 2;
    }
    const role = values.role!;
    if (!isRole(role)) {
      console.error(`角色无效。可选：${ROLE_KEYS.join('、')}`);
      return 2;
    }
    const username = values.username.trim().toLowerCase();
    const valid = usernameSchema.safeParse(username);
    if (!valid.success) {
      console.error(valid.error.issues[0].message);
      return 2;
    }
    const ctx = systemCtx(p, cfg, 'cli');
    const [org] = await ctx.db.select().from(organisations).where(eq(organisations.code, values.org.toUpperCase()));
    if (!org) {
      console.error(`没有机构代码为 ${values.org} 的机构。`);
      return 2;
    }
    // The staff service's own verbs, run as the system actor: the same checks (三员分立) and audit rows.
    const [existing] = await ctx.db.select().from(users).where(eq(users.username, username));
    let password: string;
    try {
      if (!existing) {
        password = (await createStaff(ctx, org.id, { username, displayName: values.name, roles: [role] })).initialPassword;
      } else {
        const held = (await ctx.db.select({ role: roleGrants.role }).from(roleGrants).where(and(eq(roleGrants.userId, existing.id), eq(roleGrants.orgId, org.id)))).map((r) => r.role).filter(isRole);
        await setRoles(ctx, org.id, existing.id, [...new Set([...held, role])], true);
        await securityAction(ctx, org.id, existing.id, 'unlock');
        password = (await resetPassword(ctx, org.id, existing.id)).initialPassword;
      }
    } catch (e) {
      if (e instanceof DomainError) {
        console.error(e.detail);
        return 2;
      }
      throw e;
    }
    console.log(`已在${org.name}设立${ROLES[role].label}：${username}\n一次性初始密码：${password}\n首次登录时须修改密码${org.requireMfa ? '并绑定验证器' : ''}。`);
    return 0;
  },

  async calendar(p, args) {
    const [verb, from, n] = args;
    const days = Number(n);
    if (verb !== 'add' || !from || parseDate(from) === null || !Number.isInteger(days) || days < 0) {
      console.error('用法：npx gongkai calendar add <YYYY-MM-DD> <工作日数>，如 npx gongkai calendar add 2026-09-30 20');
      return 2;
    }
    try {
      console.log((await workingCalendar({ db: p.database.db })).addWorkingDays(from, days));
      return 0;
    } catch (e) {
      if (e instanceof DomainError) {
        console.error(e.detail);
        return 1;
      }
      throw e;
    }
  },

  async catalog(p, args, cfg) {
    const ctx = systemCtx(p, cfg, 'cli');
    if (args[0] === 'reindex') {
      console.log(`已重建 ${await reindexPublic(ctx)} 条已公开信息的检索索引。`);
      return 0;
    }
    if (args[0] === 'publish-due') {
      console.log(`已发布 ${await publishDue(ctx)} 条到时间的定时发布信息。`);
      return 0;
    }
    console.error('用法：npx gongkai catalog reindex | npx gongkai catalog publish-due');
    return 2;
  },

  async audit(p, args) {
    if (args[0] !== 'verify') {
      console.error('用法：npx gongkai audit verify');
      return 2;
    }
    const r = await verifyAuditChain(p.database.db, p.keys.integrity);
    if (r.ok) {
      console.log(`审计链完整：共校验 ${r.checked} 条记录，最后一条序号 ${r.lastSeq}，哈希 ${r.lastHash}。\n（请把最后的序号和哈希另行保存，用于发现尾部记录被截断。）`);
      return 0;
    }
    console.log(`审计链异常：已校验 ${r.checked} 条，发现 ${r.problems.length} 处问题。第一处：${r.problems[0].message}`);
    for (const pr of r.problems) console.log(`  [${pr.kind}] 序号 ${pr.seq}：${pr.message}`);
    return 1;
  },

  async backup(p, args) {
    if (!args[0]) {
      console.error('用法：npx gongkai backup <文件>');
      return 2;
    }
    const counts = await backupTo(p.database, args[0]);
    console.log(`备份完成：${args[0]}\n${Object.entries(counts).map(([t, n]) => `  ${t}: ${n}`).join('\n')}`);
    return 0;
  },

  async restore(p, args, cfg) {
    if (!args[0]) {
      console.error('用法：npx gongkai restore <文件>');
      return 2;
    }
    const counts = await restoreFrom(p.database, args[0]);
    await audit(systemCtx(p, cfg, 'cli'), { action: 'system.restore', objectType: 'system', orgId: null, summary: counts });
    console.log(`恢复完成：\n${Object.entries(counts).map(([t, n]) => `  ${t}: ${n}`).join('\n')}`);
    return 0;
  },
};

/**
 * Batch detection of personal data: JSON Lines in, JSON Lines out, one line per input line, in order.
 * Needs no database. A line that is not `{"id","text"}` gets `{"id","error"}` and the run goes on.
 */
async function piiScan(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { profile: { type: 'string', default: 'default' } } });
  const profile = PROFILES[values.profile!];
  if (!profile) {
    console.error(`脱敏规则无效。可选：${Object.keys(PROFILES).join('、')}`);
    return 2;
  }
  let failed = 0;
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let doc: { id?: unknown; text?: unknown };
    try {
      doc = JSON.parse(line);
    } catch {
      doc = {};
    }
    if (typeof doc.text !== 'string') {
      failed++;
      process.stdout.write(JSON.stringify({ id: doc.id ?? null, error: '该行不是 {"id","text"} 格式的 JSON' }) + '\n');
      continue;
    }
    const spans = detectPii(doc.text);
    process.stdout.write(JSON.stringify({ id: doc.id ?? null, spans, masked: maskText(doc.text, spans, profile) }) + '\n');
  }
  return failed ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'pii') {
    if (args[0] !== 'scan') {
      console.error('用法：npx gongkai pii scan [--profile default] < 输入.jsonl > 结果.jsonl');
      return 2;
    }
    return piiScan(args.slice(1));
  }
  const cmd = name ? commands[name] : undefined;
  if (!cmd) {
    console.log(HELP);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  const cfg = loadConfig();
  const platform = await openPlatform(cfg);
  try {
    return await cmd(platform, args, cfg);
  } finally {
    await platform.database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof ConfigError || e instanceof DataDirLockedError ? e.message : `出错：${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
