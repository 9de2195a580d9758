import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Actor, type Ctx, inTransaction } from '../context.js';
import { seedDemoRequests } from '../../features/requests/requests.seed.js';
import { seedDemoCatalog } from '../../features/catalog/catalog.seed.js';
import { seedDemoMessages } from '../../features/messages/messages.seed.js';
import { seedDemoKnowledge } from '../../features/knowledge/knowledge.seed.js';
import { audit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { grantMac } from '../auth/grants.js';
import { ROLES, ROLE_KEYS, type Role } from '../auth/access.rules.js';
import { randomToken } from '../crypto/sm.js';
import { departments, organisations } from '../../features/organisations/organisations.tables.js';
import { roleGrants, users } from '../auth/auth.tables.js';

interface DemoOrg {
  key: string;
  code: string;
  slug: string;
  name: string;
  shortName: string;
  kind: string;
  parent?: string;
  siteIdCode: string;
  address: string;
  postcode: string;
  phone: string;
  departments: [string, string][];
}

const PROVINCIAL_DEPTS: [string, string][] = [
  ['办公室', '负责机关日常运转，承担政务公开、信息、保密、档案和政府信息公开申请的统筹工作。'],
  ['专卖监督管理处', '负责烟草专卖行政许可、市场监管和卷烟打假打私工作。'],
  ['法规处', '负责法治建设、规范性文件合法性审查、行政复议和行政应诉。'],
  ['财务管理处', '负责财务管理、预决算和国有资产管理。'],
  ['人事处', '负责干部人事、机构编制和教育培训。'],
];

/** Demo organisations: clearly marked as demo in their identifiers (codes DEMO…, record numbers “演示”). */
const ORGS: DemoOrg[] = [
  {
    key: 'national', code: 'DEMO00001', slug: 'guojiaju', name: '国家烟草专卖局', shortName: '国家局', kind: 'national',
    siteIdCode: 'bm99000001', address: '北京市西城区月坛南街55号', postcode: '100045', phone: '010-00000000（演示）',
    departments: [
      ['办公室', '负责机关日常运转，承担政务公开、保密和政府信息公开申请的统筹工作。'],
      ['政策法规司', '起草烟草专卖法律法规草案，承担规范性文件合法性审核、行政复议和行政应诉。'],
      ['专卖监督管理司', '组织烟草专卖行政许可和专卖执法监督，组织卷烟打假打私。'],
      ['经济运行司', '负责行业经济运行监测分析。'],
      ['人事司', '负责干部人事、机构编制和教育培训。'],
    ],
  },
  { key: 'zhejiang', code: 'DEMO00033', slug: 'zhejiang', name: '浙江省烟草专卖局', shortName: '浙江省局', kind: 'provincial', parent: 'national', siteIdCode: 'bm99330001', address: '浙江省杭州市（演示地址）', postcode: '310000', phone: '0571-00000000（演示）', departments: PROVINCIAL_DEPTS },
  { key: 'guangdong', code: 'DEMO00044', slug: 'guangdong', name: '广东省烟草专卖局', shortName: '广东省局', kind: 'provincial', parent: 'national', siteIdCode: 'bm99440001', address: '广东省广州市（演示地址）', postcode: '510000', phone: '020-00000000（演示）', departments: PROVINCIAL_DEPTS },
  { key: 'sichuan', code: 'DEMO00051', slug: 'sichuan', name: '四川省烟草专卖局', shortName: '四川省局', kind: 'provincial', parent: 'national', siteIdCode: 'bm99510001', address: '四川省成都市（演示地址）', postcode: '610000', phone: '028-00000000（演示）', departments: PROVINCIAL_DEPTS },
  {
    key: 'hangzhou', code: 'DEMO33010', slug: 'hangzhou', name: '杭州市烟草专卖局', shortName: '杭州市局', kind: 'municipal', parent: 'zhejiang', siteIdCode: 'bm99330101', address: '浙江省杭州市（演示地址）', postcode: '310000', phone: '0571-00000001（演示）',
    departments: [
      ['办公室', '负责机关日常运转和政务公开工作。'],
      ['专卖监督管理科', '负责烟草专卖零售许可和市场监管。'],
      ['法规科', '负责法治建设和行政复议应诉。'],
      ['财务科', '负责财务和资产管理。'],
    ],
  },
];

export interface SeedResult {
  seeded: boolean;
  password?: string;
}

/**
 * Seeds the demo hierarchy and one account per role in every demo organisation, on an empty
 * database only, in one transaction. The demo password is random per installation (no default
 * password exists, SECURITY AUTH-06) and is written to DATA_DIR/demo-accounts.txt for the console
 * banner. Demo organisations do not require a second factor, so an evaluator can sign in at once.
 */
export async function seedDemo(ctx: Ctx): Promise<SeedResult> {
  const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  if (Number(n) > 0) return { seeded: false };
  const password = `Demo-${randomToken(9)}`;
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    // Another process may be seeding the same PostgreSQL database at this moment.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext('gongkai.seed'))`);
    const [{ again }] = await tx.db.select({ again: sql<number>`count(*)::int` }).from(organisations);
    if (Number(again) > 0) return;
    const ids = new Map<string, string>();
    for (const [i, o] of ORGS.entries()) {
      const [row] = await tx.db
        .insert(organisations)
        .values({
          code: o.code, slug: o.slug, name: o.name, shortName: o.shortName, kind: o.kind, parentId: o.parent ? ids.get(o.parent)! : null,
          sortOrder: i * 10, requireMfa: false, siteIdCode: o.siteIdCode, icpRecord: '京ICP备00000000号（演示）', psbRecord: '京公网安备11000000000000号（演示）',
          sponsor: o.name, address: o.address, postcode: o.postcode, phone: o.phone, email: `gongkai@${o.slug}.example.gov.cn`,
        })
        .returning();
      ids.set(o.key, row.id);
      await tx.db.insert(departments).values(o.departments.map(([name, duties], j) => ({ orgId: row.id, name, duties, sortOrder: j * 10 })));
    }
    const grantsToMake: { username: string; orgKey: string; role: Role }[] = [];
    for (const o of ORGS) for (const role of ROLE_KEYS) grantsToMake.push({ username: `${o.slug}.${role}`, orgKey: o.key, role });
    // One editor works for both the provincial and the city bureau, to show switching organisations.
    grantsToMake.push({ username: 'zhejiang.editor', orgKey: 'hangzhou', role: 'editor' });
    const userIds = new Map<string, string>();
    for (const g of grantsToMake) {
      if (!userIds.has(g.username)) {
        const org = ORGS.find((o) => o.key === g.orgKey)!;
        const [u] = await tx.db.insert(users).values({ username: g.username, displayName: `${org.shortName}${ROLES[g.role].label}`, passwordHash }).returning();
        userIds.set(g.username, u.id);
      }
      const userId = userIds.get(g.username)!;
      const orgId = ids.get(g.orgKey)!;
      await tx.db.insert(roleGrants).values({ userId, orgId, role: g.role, mac: grantMac(ctx.keys.integrity, userId, orgId, g.role) });
    }
    // Demo 依申请公开 cases at the Zhejiang bureau, handled by its officer and reviewer.
    const staff = (username: string, role: Role): Actor => ({ kind: 'staff', userId: userIds.get(username)!, username, displayName: `浙江省局${ROLES[role].label}`, orgId: ids.get('zhejiang')!, roles: [role] });
    const cases = await seedDemoRequests(tx, ids.get('zhejiang')!, staff('zhejiang.disclosure_officer', 'disclosure_officer'), staff('zhejiang.reviewer', 'reviewer'));
    // The shared knowledge base, and messages to five bureaus handled by each bureau's own staff.
    const knowledge = await seedDemoKnowledge(tx, ids.get('national')!);
    const staffOf = (orgKey: string, role: Role): Actor => {
      const o = ORGS.find((x) => x.key === orgKey)!;
      return { kind: 'staff', userId: userIds.get(`${o.slug}.${role}`)!, username: `${o.slug}.${role}`, displayName: `${o.shortName}${ROLES[role].label}`, orgId: ids.get(orgKey)!, roles: [role] };
    };
    const messageCount = await seedDemoMessages(tx, ids, staffOf);
    const catalogCount = await seedDemoCatalog(tx, ids, staffOf);
    await audit(tx, { action: 'system.seed', objectType: 'system', orgId: ids.get('national')!, summary: { organisations: ORGS.length, users: userIds.size, requests: cases, knowledge, messages: messageCount, catalog: catalogCount } });
  });
  writeDemoCredentials(ctx.config.dataDir, password);
  return { seeded: true, password };
}

const CREDENTIALS_FILE = 'demo-accounts.txt';

function writeDemoCredentials(dataDir: string, password: string) {
  fs.mkdirSync(dataDir, { recursive: true });
  const lines = [
    'Gongkai 演示账号（仅供评估，请勿用于生产）',
    `密码（所有演示账号相同）：${password}`,
    '用户名格式：<机构>.<角色>，机构为 ' + ORGS.map((o) => `${o.slug}（${o.shortName}）`).join('、'),
    '角色：' + ROLE_KEYS.map((r) => `${r}（${ROLES[r].label}）`).join('、'),
    '例如：guojiaju.sys_admin、zhejiang.editor（同时在杭州市局任信息发布员）、zhejiang.audit_admin',
  ];
  fs.writeFileSync(path.join(dataDir, CREDENTIALS_FILE), lines.join('\n') + '\n', { mode: 0o600 });
}

export function readDemoCredentials(dataDir: string): string | null {
  try {
    return fs.readFileSync(path.join(dataDir, CREDENTIALS_FILE), 'utf8');
  } catch {
    return null;
  }
}
