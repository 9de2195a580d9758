import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** An organisation of the hierarchy: 国家局, 省级局, 市级局, 县级局 or 直属单位. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 机构代码: the 9-character 组织机构代码 (inside the 统一社会信用代码), used in 索引号. */
    code: text('code').notNull(),
    /** The portal path segment: /org/<slug>/. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    kind: text('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Staff of this organisation must pass a TOTP second factor (SECURITY AUTH-01). */
    requireMfa: boolean('require_mfa').notNull().default(true),
    active: boolean('active').notNull().default(true),
    // Site identity shown in the portal footer (政府网站发展指引; websites-and-new-media.md §2.2).
    siteIdCode: text('site_id_code').notNull().default(''),
    icpRecord: text('icp_record').notNull().default(''),
    psbRecord: text('psb_record').notNull().default(''),
    sponsor: text('sponsor').notNull().default(''),
    organiser: text('organiser').notNull().default(''),
    address: text('address').notNull().default(''),
    postcode: text('postcode').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_code_key').on(t.code),
    uniqueIndex('organisations_slug_key').on(t.slug),
    index('organisations_parent_idx').on(t.parentId),
  ],
);

/** 内设机构: an organisation's departments (办公室, 专卖监督管理处, 法规处, …). */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    duties: text('duties').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('departments_org_name_key').on(t.orgId, sql`lower(${t.name})`)],
);

export type Organisation = typeof organisations.$inferSelect;
export type Department = typeof departments.$inferSelect;
