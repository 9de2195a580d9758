import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { hmacSm3Hex, safeEqualHex } from '../crypto/sm.js';
import { isRole, type Role } from './access.rules.js';
import { roleGrants } from './auth.tables.js';
import { organisations } from '../../features/organisations/organisations.tables.js';

/** HMAC-SM3 binding a grant's user, organisation and role (SECURITY ACC-06). */
export const grantMac = (key: Buffer, userId: string, orgId: string, role: string) => hmacSm3Hex(key, `grant|${userId}|${orgId}|${role}`);

export interface HeldGrant {
  orgId: string;
  role: Role;
}

/**
 * The user's grants whose MAC verifies, in active organisations. A grant edited outside the
 * application (a row changed in the database) fails its MAC and is ignored; `onTampered` is told.
 */
export async function grantsOf(db: Db, key: Buffer, userId: string, onTampered?: (grantId: string) => void): Promise<HeldGrant[]> {
  const rows = await db
    .select({ id: roleGrants.id, orgId: roleGrants.orgId, role: roleGrants.role, mac: roleGrants.mac })
    .from(roleGrants)
    .innerJoin(organisations, and(eq(organisations.id, roleGrants.orgId), eq(organisations.active, true)))
    .where(eq(roleGrants.userId, userId))
    .orderBy(organisations.sortOrder, organisations.name);
  const out: HeldGrant[] = [];
  for (const r of rows) {
    if (!isRole(r.role) || !safeEqualHex(grantMac(key, userId, r.orgId, r.role), r.mac)) {
      onTampered?.(r.id);
      continue;
    }
    out.push({ orgId: r.orgId, role: r.role });
  }
  return out;
}

export async function orgsRequiringMfa(db: Db, orgIds: string[]): Promise<boolean> {
  if (orgIds.length === 0) return false;
  const rows = await db.select({ id: organisations.id }).from(organisations).where(and(inArray(organisations.id, orgIds), eq(organisations.requireMfa, true))).limit(1);
  return rows.length > 0;
}
