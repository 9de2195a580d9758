import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import {
  departmentInput,
  departmentOut,
  departmentParams,
  departmentPatch,
  idParams,
  organisationInput,
  organisationOut,
  organisationPatch,
  securityPolicyInput,
} from './organisations.contract.js';
import * as svc from './organisations.service.js';
import { ORG_KINDS, type OrgKind } from './organisations.contract.js';
import { XLSX_MIME, sendDownload, toXlsx } from '../../platform/export/xlsx.js';
import { formatShanghai } from '../../platform/clock/clock.js';

const tags = ['组织机构'];
const staff = { access: 'staff' as const };

export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/orgs', {
    config: staff,
    schema: { tags, summary: '可见的机构列表', response: { 200: z.object({ items: z.array(organisationOut) }), ...errorResponses(401) } },
    handler: async (req) => ({ items: (await svc.listOrganisations(req.ctx)).map(svc.presentOrganisation) }),
  });

  app.get('/orgs/export.xlsx', {
    config: staff,
    schema: { tags, summary: '导出机构列表为 Excel', produces: [XLSX_MIME], response: { ...errorResponses(401) } },
    handler: async (req, reply) => {
      const rows = await svc.listOrganisations(req.ctx);
      const names = new Map(rows.map((o) => [o.id, o.name]));
      const body = await toXlsx<(typeof rows)[number]>(
        '组织机构',
        [
          { header: '机构名称', width: 28, value: (o) => o.name },
          { header: '简称', width: 14, value: (o) => o.shortName },
          { header: '类别', width: 10, value: (o) => ORG_KINDS[o.kind as OrgKind] ?? o.kind },
          { header: '上级机构', width: 28, value: (o) => (o.parentId ? (names.get(o.parentId) ?? '') : '') },
          { header: '机构代码', width: 14, value: (o) => o.code },
          { header: '门户路径', width: 16, value: (o) => `/org/${o.slug}/` },
          { header: '网站标识码', width: 14, value: (o) => o.siteIdCode },
          { header: 'ICP备案', width: 26, value: (o) => o.icpRecord },
          { header: '公安备案', width: 30, value: (o) => o.psbRecord },
          { header: '须用动态验证码', width: 14, value: (o) => (o.requireMfa ? '是' : '否') },
          { header: '状态', width: 8, value: (o) => (o.active ? '启用' : '停用') },
        ],
        rows,
      );
      return sendDownload(reply, body, `组织机构-${formatShanghai(req.ctx.clock.now(), false)}.xlsx`, XLSX_MIME);
    },
  });

  app.post('/orgs', {
    config: staff,
    schema: { tags, summary: '新建下级机构', body: organisationInput, response: { 201: organisationOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req, reply) => reply.code(201).send(svc.presentOrganisation(await svc.createOrganisation(req.ctx, req.body))),
  });

  app.get('/orgs/:orgId', {
    config: staff,
    schema: { tags, summary: '机构详情', params: idParams, response: { 200: organisationOut, ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.presentOrganisation(await svc.getOrganisation(req.ctx, req.params.orgId)),
  });

  app.patch('/orgs/:orgId', {
    config: staff,
    schema: { tags, summary: '修改机构信息和网站标识', params: idParams, body: organisationPatch, response: { 200: organisationOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req) => svc.presentOrganisation(await svc.updateOrganisation(req.ctx, req.params.orgId, req.body)),
  });

  app.put('/orgs/:orgId/security-policy', {
    config: staff,
    schema: { tags, summary: '设置双因素认证要求（安全管理员）', params: idParams, body: securityPolicyInput, response: { 200: organisationOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => svc.presentOrganisation(await svc.setMfaRequirement(req.ctx, req.params.orgId, req.body.requireMfa)),
  });

  app.get('/orgs/:orgId/departments', {
    config: staff,
    schema: { tags, summary: '内设机构列表', params: idParams, response: { 200: z.object({ items: z.array(departmentOut) }), ...errorResponses(400, 401, 404) } },
    handler: async (req) => ({ items: (await svc.listDepartments(req.ctx, req.params.orgId)).map(svc.presentDepartment) }),
  });

  app.post('/orgs/:orgId/departments', {
    config: staff,
    schema: { tags, summary: '新建内设机构', params: idParams, body: departmentInput, response: { 201: departmentOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req, reply) => reply.code(201).send(svc.presentDepartment(await svc.createDepartment(req.ctx, req.params.orgId, req.body))),
  });

  app.patch('/orgs/:orgId/departments/:departmentId', {
    config: staff,
    schema: { tags, summary: '修改内设机构', params: departmentParams, body: departmentPatch, response: { 200: departmentOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req) => svc.presentDepartment(await svc.updateDepartment(req.ctx, req.params.orgId, req.params.departmentId, req.body)),
  });
};
