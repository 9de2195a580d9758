import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { ROLES, ROLE_KEYS } from '../../platform/auth/access.rules.js';
import { addMemberInput, createStaffInput, oneTimePasswordOut, roleOut, rolesInput, staffOut, staffParams, staffPatch } from './staff.contract.js';
import { idParams } from '../organisations/organisations.contract.js';
import * as svc from './staff.service.js';
import { XLSX_MIME, sendDownload, toXlsx } from '../../platform/export/xlsx.js';
import { formatShanghai } from '../../platform/clock/clock.js';

const tags = ['用户与角色'];
const staff = { access: 'staff' as const };

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/roles', {
    config: staff,
    schema: { tags, summary: '角色列表', response: { 200: z.object({ items: z.array(roleOut) }), ...errorResponses(401) } },
    handler: async () => ({ items: ROLE_KEYS.map((key) => ({ key, label: ROLES[key].label, description: ROLES[key].description, admin: ROLES[key].admin })) }),
  });

  app.get('/orgs/:orgId/users', {
    config: staff,
    schema: { tags, summary: '机构人员列表', params: idParams, response: { 200: z.object({ items: z.array(staffOut) }), ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => ({ items: await svc.listStaff(req.ctx, req.params.orgId) }),
  });

  app.get('/orgs/:orgId/users/export.xlsx', {
    config: staff,
    schema: { tags, summary: '导出机构人员为 Excel', params: idParams, produces: [XLSX_MIME], response: { ...errorResponses(400, 401, 403, 404) } },
    handler: async (req, reply) => {
      const rows = await svc.listStaff(req.ctx, req.params.orgId);
      const body = await toXlsx<(typeof rows)[number]>(
        '人员与角色',
        [
          { header: '用户名', width: 26, value: (u) => u.username },
          { header: '姓名', width: 20, value: (u) => u.displayName },
          { header: '角色', width: 40, value: (u) => u.roles.map((r) => ROLES[r].label).join('、') },
          { header: '状态', width: 8, value: (u) => (u.active ? '启用' : '停用') },
          { header: '已绑定验证器', width: 12, value: (u) => (u.totpEnrolled ? '是' : '否') },
          { header: '锁定至', width: 20, value: (u) => (u.lockedUntil ? formatShanghai(new Date(u.lockedUntil)) : '') },
          { header: '创建时间', width: 20, value: (u) => formatShanghai(new Date(u.createdAt)) },
        ],
        rows,
      );
      return sendDownload(reply, body, `人员与角色-${formatShanghai(req.ctx.clock.now(), false)}.xlsx`, XLSX_MIME);
    },
  });

  app.post('/orgs/:orgId/users', {
    config: staff,
    schema: { tags, summary: '新建用户（返回一次性初始密码）', params: idParams, body: createStaffInput, response: { 201: oneTimePasswordOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req, reply) => reply.code(201).send(await svc.createStaff(req.ctx, req.params.orgId, req.body)),
  });

  app.post('/orgs/:orgId/members', {
    config: staff,
    schema: { tags, summary: '把已有用户加入本机构', params: idParams, body: addMemberInput, response: { 201: staffOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req, reply) => reply.code(201).send(await svc.addMember(req.ctx, req.params.orgId, req.body)),
  });

  app.patch('/orgs/:orgId/users/:userId', {
    config: staff,
    schema: { tags, summary: '修改或停用用户', params: staffParams, body: staffPatch, response: { 200: staffOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => svc.updateStaff(req.ctx, req.params.orgId, req.params.userId, req.body),
  });

  app.put('/orgs/:orgId/users/:userId/roles', {
    config: staff,
    schema: { tags, summary: '设置用户在本机构的角色', params: staffParams, body: rolesInput, response: { 200: staffOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req) => svc.setRoles(req.ctx, req.params.orgId, req.params.userId, req.body.roles),
  });

  app.post('/orgs/:orgId/users/:userId/reset-password', {
    config: staff,
    schema: { tags, summary: '重置密码（返回一次性密码）', params: staffParams, response: { 200: oneTimePasswordOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => svc.resetPassword(req.ctx, req.params.orgId, req.params.userId),
  });

  for (const [path, action, summary] of [
    ['unlock', 'unlock', '解除锁定'],
    ['reset-mfa', 'reset_mfa', '重置双因素认证'],
    ['end-sessions', 'end_sessions', '结束该用户的全部会话'],
  ] as const) {
    app.post(`/orgs/:orgId/users/:userId/${path}`, {
      config: staff,
      schema: { tags, summary: `${summary}（安全管理员）`, params: staffParams, response: { 200: staffOut, ...errorResponses(400, 401, 403, 404) } },
      handler: async (req) => svc.securityAction(req.ctx, req.params.orgId, req.params.userId, action),
    });
  }
};
