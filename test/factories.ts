import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Agent } from './harness.js';
import type { Ctx } from '../src/platform/context.js';
import { organisations, departments } from '../src/features/organisations/organisations.tables.js';
import { roleGrants, users } from '../src/platform/auth/auth.tables.js';
import { grantMac } from '../src/platform/auth/grants.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import type { Role } from '../src/platform/auth/access.rules.js';

export const PASSWORD = 'Correct-Horse-42x';
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

let n = 0;
export async function buildOrg(ctx: Ctx, o: { name: string; parentId?: string | null; slug?: string; requireMfa?: boolean; kind?: string }) {
  n++;
  const [row] = await ctx.db
    .insert(organisations)
    .values({
      code: `T${String(n).padStart(7, '0')}${n % 10}`.slice(0, 9),
      slug: o.slug ?? `org${n}`,
      name: o.name,
      shortName: o.name.slice(0, 6),
      kind: o.kind ?? (o.parentId ? 'provincial' : 'national'),
      parentId: o.parentId ?? null,
      sortOrder: n,
      requireMfa: o.requireMfa ?? false,
      siteIdCode: 'bm99000001',
      icpRecord: '京ICP备00000000号',
      psbRecord: '京公网安备11000000000000号',
      phone: '010-12345678',
      address: '北京市西城区测试路1号',
    })
    .returning();
  await ctx.db.insert(departments).values([{ orgId: row.id, name: '办公室', duties: '负责机关日常运转。' }]);
  return row;
}

export async function buildUser(ctx: Ctx, username: string, grants: [string, Role][], extra: Partial<typeof users.$inferInsert> = {}) {
  const [u] = await ctx.db.insert(users).values({ username, displayName: `测试${username}`, passwordHash: await passwordHash(), ...extra }).returning();
  for (const [orgId, role] of grants) await ctx.db.insert(roleGrants).values({ userId: u.id, orgId, role, mac: grantMac(ctx.keys.integrity, u.id, orgId, role) });
  return u;
}

/**
 * The standard world of the route tests: 国家局 (root) with two provincial bureaus, a city bureau
 * under the first, and in each organisation one user per role named `<slug>.<role>`.
 */
export async function buildWorld(ctx: Ctx, roles: Role[]) {
  const root = await buildOrg(ctx, { name: '测试国家局', slug: 'root' });
  const zj = await buildOrg(ctx, { name: '测试浙江省局', parentId: root.id, slug: 'zj' });
  const gd = await buildOrg(ctx, { name: '测试广东省局', parentId: root.id, slug: 'gd' });
  const hz = await buildOrg(ctx, { name: '测试杭州市局', parentId: zj.id, slug: 'hz', kind: 'municipal' });
  for (const org of [root, zj, gd, hz]) for (const role of roles) await buildUser(ctx, `${org.slug}.${role}`, [[org.id, role]]);
  return { root, zj, gd, hz };
}

export const userId = async (ctx: Ctx, username: string) => (await ctx.db.select().from(users).where(eq(users.username, username)))[0].id;

/** An agent signed in as `username` (the factories' password), failing the test if sign-in fails. */
export async function signedIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<Agent> {
  const a = new Agent(app);
  const res = await a.signIn(username, password);
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  return a;
}
