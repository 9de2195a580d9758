/**
 * The one place that decides who may do what, on which organisations (SECURITY ACC-01..04).
 * Pure: it takes the actor's roles in the organisation it currently acts for and the target's
 * relation to that organisation, and returns allow, forbid (403: the actor can see the target but
 * lacks the verb) or hide (404: the actor must not learn that the target exists).
 */

export const ROLES = {
  sys_admin: { label: '系统管理员', admin: true, description: '管理组织机构、内设机构、用户账号及业务角色授权；不能查看或修改审计记录。' },
  sec_admin: { label: '安全管理员', admin: true, description: '管理安全策略（双因素认证要求、账号解锁、会话）和三员角色授权。' },
  audit_admin: { label: '审计管理员', admin: true, description: '只读查看、导出和校验审计记录。' },
  editor: { label: '信息发布员', admin: false, description: '起草和维护主动公开信息。' },
  reviewer: { label: '审核员', admin: false, description: '审核待发布的信息和答复。' },
  disclosure_officer: { label: '依申请公开承办人', admin: false, description: '办理政府信息公开申请。' },
  message_officer: { label: '留言办理人', admin: false, description: '受理、转办和答复网民留言，维护咨询问答知识库。' },
  service_staff: { label: '办事服务人员', admin: false, description: '办理政务服务事项和窗口业务。' },
  opinion_analyst: { label: '舆情分析员', admin: false, description: '监测、研判和回应舆情。' },
  supervisor: { label: '督查考核员', admin: false, description: '查看本机构及下级机构的记录，开展督查考核。' },
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as Role[];
export const ADMIN_ROLES: Role[] = ['sys_admin', 'sec_admin', 'audit_admin'];
export const BUSINESS_ROLES: Role[] = ROLE_KEYS.filter((r) => !ROLES[r].admin);
export const ALL_ROLES: Role[] = ROLE_KEYS;

interface Rule {
  /** Roles that may use the permission on the organisation they act for. */
  own: readonly Role[];
  /** Roles that may also use it on organisations below the one they act for. */
  subtree: readonly Role[];
}

/**
 * Permissions by verb. Administrative verbs reach the subtree because a superior bureau
 * administers the bureaus under it; reading other organisations' records is the supervisor's
 * alone (issue 2 §4). The three administrator duties are disjoint (等级保护 8.1.4.2 d).
 */
export const PERMISSIONS = {
  /** See an organisation's profile, departments and site settings in the console. */
  'org.read': { own: ALL_ROLES, subtree: ['sys_admin', 'sec_admin', 'audit_admin', 'supervisor'] },
  /** Create subordinate organisations; edit profile, site settings and departments. */
  'org.manage': { own: ['sys_admin'], subtree: ['sys_admin'] },
  /** Security policy of an organisation: whether its staff must use a second factor. */
  'org.security': { own: ['sec_admin'], subtree: ['sec_admin'] },
  /** List staff and their roles. */
  'user.read': { own: ['sys_admin', 'sec_admin'], subtree: ['sys_admin', 'sec_admin'] },
  /** Create accounts, edit, disable, reset passwords. */
  'user.manage': { own: ['sys_admin'], subtree: ['sys_admin'] },
  /** Unlock accounts, reset a second factor, end sessions. */
  'user.security': { own: ['sec_admin'], subtree: ['sec_admin'] },
  /** Grant or revoke business roles. */
  'grant.business': { own: ['sys_admin'], subtree: ['sys_admin'] },
  /** Grant or revoke the three administrator roles. */
  'grant.admin': { own: ['sec_admin'], subtree: ['sec_admin'] },
  /** Read, export and verify the audit trail. */
  'audit.read': { own: ['audit_admin'], subtree: ['audit_admin'] },
  /** Enter a year's holiday arrangement: the top organisation's system administrator only (checked against it). */
  'calendar.manage': { own: ['sys_admin'], subtree: [] },
  /** Maintain the organisation's 错敏词 dictionary (applies below it too). */
  'review.dictionary': { own: ['sys_admin', 'reviewer'], subtree: ['sys_admin'] },
  /** Register and handle 政府信息公开申请: confirm, correct, consult, extend, draft and send replies. */
  'requests.handle': { own: ['disclosure_officer'], subtree: [] },
  /** Approve or return draft replies to 政府信息公开申请 (the review step before a letter is sent). */
  'requests.review': { own: ['reviewer'], subtree: [] },
  /** Accept, hand off and answer public messages (互动交流), and merge duplicates. */
  'messages.handle': { own: ['message_officer'], subtree: [] },
  /** Approve replies to messages and extensions of their deadlines. */
  'messages.review': { own: ['reviewer'], subtree: [] },
  /** Set an organisation's deadlines for messages. */
  'messages.settings': { own: ['sys_admin', 'message_officer'], subtree: ['sys_admin'] },
  /** Write and keep the Q&A knowledge base entries the organisation owns. */
  'knowledge.edit': { own: ['message_officer', 'service_staff', 'editor'], subtree: [] },
  /** Draft, revise, publish and withdraw catalogue items (主动公开); upload their attachments. */
  'catalog.edit': { own: ['editor'], subtree: [] },
  /** Approve or return catalogue items submitted for review (审核). */
  'catalog.review': { own: ['reviewer'], subtree: [] },
  /** Edit the organisation's 公开目录 tree, 索引号 template, 公开指南 and 公开制度. */
  'catalog.settings': { own: ['sys_admin', 'editor'], subtree: ['sys_admin'] },
  /** Read the non-public records of an organisation (features use this for their record lists). */
  'records.read': { own: BUSINESS_ROLES, subtree: ['supervisor'] },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

export type Relation = 'same' | 'descendant' | 'other';
export type Decision = 'allow' | 'forbid' | 'hide';

/** Decides one permission for an actor holding `roles` in the organisation it acts for. */
export function decide(roles: readonly Role[], permission: Permission, relation: Relation): Decision {
  const rule: Rule = PERMISSIONS[permission];
  if (relation === 'same') return roles.some((r) => rule.own.includes(r)) ? 'allow' : 'forbid';
  if (relation === 'descendant') {
    if (roles.some((r) => rule.subtree.includes(r))) return 'allow';
    // A superior's staff who may read the subordinate's profile learn nothing new from a 403.
    return roles.some((r) => (PERMISSIONS['org.read'].subtree as readonly Role[]).includes(r)) ? 'forbid' : 'hide';
  }
  return 'hide';
}

/** Which permissions the roles give on the organisation acted for: the console shows what is allowed. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => decide(roles, p, 'same') === 'allow');
}

/** The permission needed to grant or revoke `role`. */
export function grantPermissionFor(role: Role): Permission {
  return ROLES[role].admin ? 'grant.admin' : 'grant.business';
}

/**
 * 三权分立: one account never holds two of the three administrator duties, in any organisation
 * (等级保护 8.1.4.2 d; SECURITY ACC-04).
 */
export function checkSeparationOfDuties(heldRoles: readonly Role[], adding: Role): { ok: true } | { ok: false; reason: string } {
  if (!ROLES[adding].admin) return { ok: true };
  const clash = heldRoles.find((r) => ROLES[r].admin && r !== adding);
  return clash
    ? { ok: false, reason: `三员分立：该用户已担任${ROLES[clash].label}，不能再担任${ROLES[adding].label}。` }
    : { ok: true };
}

export const isRole = (s: string): s is Role => s in ROLES;
