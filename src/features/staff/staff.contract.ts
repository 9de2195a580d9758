import { z } from 'zod';
import { ROLE_KEYS, type Role } from '../../platform/auth/access.rules.js';

export const roleEnum = z.enum(ROLE_KEYS as [Role, ...Role[]], { message: '角色无效' });

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '用户名应以字母开头，由 3 至 32 个小写字母、数字、点、下划线或连字符组成')
  .describe('登录用户名');

export const staffOut = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  lockedUntil: z.string().nullable().describe('临时锁定至（连续输错密码）'),
  totpEnrolled: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleEnum).describe('在该机构的角色'),
  createdAt: z.string(),
});

export const createStaffInput = z.object({
  username,
  displayName: z.string().trim().min(2, '请填写姓名').max(30, '姓名不能超过 30 个字'),
  roles: z.array(roleEnum).min(1, '请至少选择一个角色').max(9),
});

export const addMemberInput = z.object({ username, roles: z.array(roleEnum).min(1, '请至少选择一个角色').max(9) });

export const staffPatch = z.object({
  displayName: z.string().trim().min(2, '请填写姓名').max(30).optional(),
  active: z.boolean().optional().describe('停用账号会立即结束其所有会话'),
});

export const rolesInput = z.object({ roles: z.array(roleEnum).max(9).describe('该用户在本机构的全部角色；为空则移出本机构') });

export const oneTimePasswordOut = z.object({
  user: staffOut,
  initialPassword: z.string().describe('一次性初始密码，只显示这一次；用户首次登录须修改'),
});

export const staffParams = z.object({ orgId: z.string().uuid('机构编号无效'), userId: z.string().uuid('用户编号无效') });

export const roleOut = z.object({ key: roleEnum, label: z.string(), description: z.string(), admin: z.boolean() });

export type StaffOut = z.infer<typeof staffOut>;
export type CreateStaffInput = z.infer<typeof createStaffInput>;
