import { describe, expect, it } from 'vitest';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLE_KEYS, checkSeparationOfDuties, decide, grantPermissionFor, permissionsOf, PERMISSIONS, type Permission, type Role } from './access.rules.js';

describe('decide', () => {
  it('keeps the three administrator duties apart (等级保护 三权分立)', () => {
    expect(decide(['sys_admin'], 'audit.read', 'same')).toBe('forbid');
    expect(decide(['sys_admin'], 'grant.admin', 'same')).toBe('forbid');
    expect(decide(['sec_admin'], 'audit.read', 'same')).toBe('forbid');
    expect(decide(['sec_admin'], 'user.manage', 'same')).toBe('forbid');
    expect(decide(['audit_admin'], 'audit.read', 'same')).toBe('allow');
    for (const p of Object.keys(PERMISSIONS) as Permission[]) if (p !== 'audit.read' && p !== 'org.read') expect(decide(['audit_admin'], p, 'same')).toBe('forbid');
  });

  it('lets only the supervisor read subordinate organisations’ records', () => {
    for (const role of ROLE_KEYS) expect(decide([role], 'records.read', 'descendant')).toBe(role === 'supervisor' ? 'allow' : role === 'sys_admin' || role === 'sec_admin' || role === 'audit_admin' ? 'forbid' : 'hide');
  });

  it('hides every other organisation from every role (404, not 403)', () => {
    for (const role of ROLE_KEYS) for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(decide([role], p, 'other')).toBe('hide');
  });

  it('hides subordinates from business roles other than the supervisor', () => {
    for (const role of BUSINESS_ROLES.filter((r) => r !== 'supervisor')) expect(decide([role], 'org.read', 'descendant')).toBe('hide');
  });

  it('gives editors nothing administrative', () => {
    expect(permissionsOf(['editor']).sort()).toEqual(['catalog.edit', 'catalog.settings', 'knowledge.edit', 'org.read', 'records.read']);
  });
});

describe('grants', () => {
  it('needs the security administrator for administrator roles and the system administrator for the rest', () => {
    for (const r of ADMIN_ROLES) expect(grantPermissionFor(r)).toBe('grant.admin');
    for (const r of BUSINESS_ROLES) expect(grantPermissionFor(r)).toBe('grant.business');
  });

  it.each<[Role[], Role, boolean]>([
    [[], 'sys_admin', true],
    [['editor', 'reviewer'], 'audit_admin', true],
    [['sys_admin'], 'audit_admin', false],
    [['sec_admin'], 'sys_admin', false],
    [['audit_admin'], 'sec_admin', false],
    [['sys_admin'], 'sys_admin', true],
    [['audit_admin'], 'editor', true],
  ])('holding %o, adding %s is allowed: %s', (held, adding, ok) => {
    expect(checkSeparationOfDuties(held, adding).ok).toBe(ok);
  });
});
