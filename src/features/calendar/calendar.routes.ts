import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { addWorkingDaysOut, addWorkingDaysQuery, yearInput, yearOut, yearParams } from './calendar.contract.js';
import * as svc from './calendar.service.js';

const tags = ['工作日历'];

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/public/calendar/add-working-days', {
    config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: '计算 N 个工作日后的日期（起算日不计入）',
      description: '按国务院办公厅节假日安排（含调休）计算；起算日当日不计入，自次日起算（民法典第201条）。超出已录入年度时返回 422。',
      querystring: addWorkingDaysQuery,
      response: { 200: addWorkingDaysOut, ...errorResponses(400, 422, 429) },
    },
    handler: async (req) => {
      const cal = await svc.workingCalendar(req.ctx);
      return { from: req.query.from, days: req.query.days, due: cal.addWorkingDays(req.query.from, req.query.days) };
    },
  });

  app.get('/public/calendar/years', {
    config: { access: 'public' },
    schema: { tags, summary: '已录入的年度节假日安排', response: { 200: z.object({ items: z.array(yearOut) }) } },
    handler: async (req) => ({ items: (await svc.listYears(req.ctx)).map(svc.presentYear) }),
  });

  app.put('/calendar/years/:year', {
    config: { access: 'staff' },
    schema: {
      tags,
      summary: '录入或更正某年度节假日安排（国家局系统管理员）',
      params: yearParams,
      body: yearInput,
      response: { 200: yearOut, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req) => svc.presentYear(await svc.enterYear(req.ctx, req.params.year, req.body)),
  });
};
