import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { authorize, orgsWith } from '../../platform/auth/authorize.js';
import { audit } from '../../platform/audit/audit.js';
import { conflict, notFound } from '../../platform/errors/errors.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { publicContentChanged } from '../../platform/http/page-cache.js';
import { departments, organisations, type Department, type Organisation } from './organisations.tables.js';
import { SITE_ID_PATTERN, type DepartmentInput, type DepartmentPatch, type OrganisationInput, type OrganisationOut, type OrganisationPatch } from './organisations.contract.js';

/** The console's view of an organisation (a presenter: every field deliberate). */
export function presentOrganisation(o: Organisation): OrganisationOut {
  return {
    id: o.id,
    code: o.code,
    slug: o.slug,
    name: o.name,
    shortName: o.shortName,
    kind: o.kind,
    parentId: o.parentId,
    sortOrder: o.sortOrder,
    requireMfa: o.requireMfa,
    active: o.active,
    siteIdCode: o.siteIdCode,
    siteIdCodeWarning:
      o.siteIdCode && !SITE_ID_PATTERN.test(o.siteIdCode) ? '网站标识码通常为 10 位数字或“bm”加 8 位数字；该格式尚无正式规定，请核对后保存。' : null,
    icpRecord: o.icpRecord,
    psbRecord: o.psbRecord,
    sponsor: o.sponsor,
    organiser: o.organiser,
    address: o.address,
    postcode: o.postcode,
    phone: o.phone,
    email: o.email,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export const presentDepartment = (d: Department) => ({ id: d.id, orgId: d.orgId, name: d.name, duties: d.duties, sortOrder: d.sortOrder, active: d.active });

const changedKeys = (before: Record<string, unknown>, patch: Record<string, unknown>) =>
  Object.keys(patch).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);

function uniqueGuard(e: unknown): never {
  if (isUniqueViolation(e)) throw conflict('机构代码或网站路径已被其他机构使用。');
  throw e;
}

/** Organisations the actor may see in the console: the one acted for and, by role, those below. */
export async function listOrganisations(ctx: Ctx): Promise<Organisation[]> {
  const ids = await orgsWith(ctx, 'org.read');
  if (ids.length === 0) return [];
  return ctx.db.select().from(organisations).where(inArray(organisations.id, ids)).orderBy(asc(organisations.sortOrder), asc(organisations.name));
}

async function load(ctx: Ctx, orgId: string): Promise<Organisation> {
  const [o] = await ctx.db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!o) throw notFound('机构');
  return o;
}

export async function getOrganisation(ctx: Ctx, orgId: string): Promise<Organisation> {
  await authorize(ctx, 'org.read', orgId);
  return load(ctx, orgId);
}

/** Opens a subordinate organisation under `parentId`. New organisations require a second factor. */
export async function createOrganisation(ctx: Ctx, input: OrganisationInput): Promise<Organisation> {
  await authorize(ctx, 'org.manage', input.parentId);
  const parent = await load(ctx, input.parentId);
  const row = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(organisations)
      .values({ ...input, sponsor: input.sponsor || input.name, requireMfa: true, sortOrder: input.sortOrder ?? 0 })
      .returning()
      .catch(uniqueGuard);
    await audit(tx, { action: 'organisation.create', objectType: 'organisation', objectId: row.id, orgId: parent.id, summary: { code: row.code, name: row.name } });
    return row;
  });
  publicContentChanged(); // after the commit: the portal shows it at once
  return row;
}

export async function updateOrganisation(ctx: Ctx, orgId: string, patch: OrganisationPatch): Promise<Organisation> {
  await authorize(ctx, 'org.manage', orgId);
  const row = await inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(organisations).where(eq(organisations.id, orgId)).for('update');
    if (!before) throw notFound('机构');
    if (patch.active === false && before.parentId === null) throw conflict('顶级机构不能停用。');
    const changed = changedKeys(before, patch);
    const [row] = await tx.db
      .update(organisations)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(organisations.id, orgId))
      .returning()
      .catch(uniqueGuard);
    await audit(tx, { action: 'organisation.update', objectType: 'organisation', objectId: orgId, orgId, summary: { changed } });
    return row;
  });
  publicContentChanged(); // after the commit: the portal shows it at once
  return row;
}

/** Whether staff of the organisation must sign in with a second factor (SECURITY AUTH-01). */
export async function setMfaRequirement(ctx: Ctx, orgId: string, requireMfa: boolean): Promise<Organisation> {
  await authorize(ctx, 'org.security', orgId);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.update(organisations).set({ requireMfa, updatedAt: ctx.clock.now() }).where(eq(organisations.id, orgId)).returning();
    if (!row) throw notFound('机构');
    await audit(tx, { action: 'organisation.security_policy', objectType: 'organisation', objectId: orgId, orgId, summary: { requireMfa } });
    return row;
  });
}

export async function listDepartments(ctx: Ctx, orgId: string): Promise<Department[]> {
  await authorize(ctx, 'org.read', orgId);
  return ctx.db.select().from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.sortOrder), asc(departments.name));
}

export async function createDepartment(ctx: Ctx, orgId: string, input: DepartmentInput): Promise<Department> {
  await authorize(ctx, 'org.manage', orgId);
  const row = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(departments)
      .values({ ...input, orgId })
      .returning()
      .catch((e) => {
        if (isUniqueViolation(e)) throw conflict(`本机构已有名为“${input.name}”的内设机构。`);
        throw e;
      });
    await audit(tx, { action: 'department.create', objectType: 'department', objectId: row.id, orgId, summary: { name: row.name } });
    return row;
  });
  publicContentChanged(); // after the commit: the portal shows it at once
  return row;
}

export async function updateDepartment(ctx: Ctx, orgId: string, departmentId: string, patch: DepartmentPatch): Promise<Department> {
  await authorize(ctx, 'org.manage', orgId);
  const row = await inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(departments).where(and(eq(departments.id, departmentId), eq(departments.orgId, orgId))).for('update');
    if (!before) throw notFound('内设机构');
    const [row] = await tx.db
      .update(departments)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(departments.id, departmentId))
      .returning()
      .catch((e) => {
        if (isUniqueViolation(e)) throw conflict(`本机构已有名为“${patch.name}”的内设机构。`);
        throw e;
      });
    await audit(tx, { action: 'department.update', objectType: 'department', objectId: departmentId, orgId, summary: { changed: changedKeys(before, patch) } });
    return row;
  });
  publicContentChanged(); // after the commit: the portal shows it at once
  return row;
}

// ---- Public reads for the portal: only what a government site publishes anyway. ----

export async function publicOrganisations(ctx: Pick<Ctx, 'db'>): Promise<Organisation[]> {
  return ctx.db.select().from(organisations).where(eq(organisations.active, true)).orderBy(asc(organisations.sortOrder), asc(organisations.name));
}

export async function publicOrganisationBySlug(ctx: Pick<Ctx, 'db'>, slug: string): Promise<Organisation | null> {
  const [o] = await ctx.db.select().from(organisations).where(and(eq(organisations.slug, slug), eq(organisations.active, true)));
  return o ?? null;
}

export async function publicDepartments(ctx: Pick<Ctx, 'db'>, orgId: string): Promise<Department[]> {
  return ctx.db.select().from(departments).where(and(eq(departments.orgId, orgId), eq(departments.active, true))).orderBy(asc(departments.sortOrder), asc(departments.name));
}

export async function organisationNames(ctx: Pick<Ctx, 'db'>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const rootOrganisation = async (ctx: Pick<Ctx, 'db'>) =>
  (await ctx.db.select().from(organisations).where(sql`${organisations.parentId} is null`).orderBy(asc(organisations.sortOrder)).limit(1))[0] ?? null;
