import { z } from 'zod';

export const ORG_KINDS = {
  national: '国家局',
  provincial: '省级局',
  municipal: '市级局',
  county: '县级局',
  affiliated: '直属单位',
} as const;
export type OrgKind = keyof typeof ORG_KINDS;

/**
 * 网站标识码: observed formats, not a published rule (websites-and-new-media.md §2.2, UNCONFIRMED),
 * so a value outside this pattern is accepted with a warning, never blocked.
 */
export const SITE_ID_PATTERN = /^(bm\d{8}|\d{10})$/;

const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);

export const orgSiteSettings = z.object({
  siteIdCode: text(20, '网站标识码').describe('网站标识码（国办信息报送系统分配；格式未见正式规定，不符常见格式时仅提示）'),
  icpRecord: text(60, 'ICP备案号').describe('ICP备案编号，如“京ICP备12345678号”'),
  psbRecord: text(60, '公安机关备案号').describe('公安机关备案号，如“京公网安备11010202000001号”'),
  sponsor: text(100, '主办单位').describe('网站主办单位；留空时使用机构名称'),
  organiser: text(100, '承办单位').describe('网站承办单位，可留空'),
  address: text(200, '地址'),
  postcode: z.string().trim().regex(/^(\d{6})?$/, '邮政编码应为 6 位数字'),
  phone: text(60, '联系电话'),
  email: z.union([z.literal(''), z.string().trim().email('电子邮箱格式不正确').max(100)]),
});

export const organisationInput = z
  .object({
    parentId: z.string().uuid('上级机构无效').describe('上级机构'),
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z]{8}-?[0-9A-Z]$/, '机构代码应为 9 位组织机构代码（可含连字符），如 00001234-5')
      .describe('机构代码（组织机构代码），用于生成索引号'),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9-]{1,30}$/, '网站路径应以小写字母开头，只含小写字母、数字和连字符，2 至 31 个字符')
      .describe('门户路径，如 zhejiang，对应 /org/zhejiang/'),
    name: z.string().trim().min(2, '请填写机构全称').max(100),
    shortName: z.string().trim().min(2, '请填写机构简称').max(30),
    kind: z.enum(Object.keys(ORG_KINDS) as [OrgKind, ...OrgKind[]], { message: '请选择机构类别' }),
    sortOrder: z.number().int().min(0).max(99999).default(0),
  })
  .extend(orgSiteSettings.partial().shape);

export const organisationPatch = organisationInput.omit({ parentId: true, code: true }).partial().extend({ active: z.boolean().optional() });

export const organisationOut = z.object({
  id: z.string().uuid(),
  code: z.string(),
  slug: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  parentId: z.string().uuid().nullable(),
  sortOrder: z.number(),
  requireMfa: z.boolean(),
  active: z.boolean(),
  siteIdCode: z.string(),
  siteIdCodeWarning: z.string().nullable().describe('网站标识码不符合常见格式时的提示'),
  icpRecord: z.string(),
  psbRecord: z.string(),
  sponsor: z.string(),
  organiser: z.string(),
  address: z.string(),
  postcode: z.string(),
  phone: z.string(),
  email: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const securityPolicyInput = z.object({ requireMfa: z.boolean().describe('本机构人员登录是否必须使用动态验证码') });

export const departmentInput = z.object({
  name: z.string().trim().min(2, '请填写内设机构名称').max(50),
  duties: z.string().trim().max(2000, '职责说明不能超过 2000 字').default(''),
  sortOrder: z.number().int().min(0).max(99999).default(0),
});
export const departmentPatch = departmentInput.partial().extend({ active: z.boolean().optional() });

export const departmentOut = z.object({
  id: z.string().uuid(),
  orgId: z.string().uuid(),
  name: z.string(),
  duties: z.string(),
  sortOrder: z.number(),
  active: z.boolean(),
});

export const idParams = z.object({ orgId: z.string().uuid('机构编号无效') });
export const departmentParams = idParams.extend({ departmentId: z.string().uuid('内设机构编号无效') });

export type OrganisationInput = z.infer<typeof organisationInput>;
export type OrganisationPatch = z.infer<typeof organisationPatch>;
export type OrganisationOut = z.infer<typeof organisationOut>;
export type DepartmentInput = z.infer<typeof departmentInput>;
export type DepartmentPatch = z.infer<typeof departmentPatch>;
