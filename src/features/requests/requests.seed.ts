import crypto from 'node:crypto';
import type { Ctx, Actor } from '../../platform/context.js';
import { addDays, shanghaiDate, YearNotLoadedError } from '../calendar/calendar.rules.js';
import { workingCalendar } from '../calendar/calendar.service.js';
import type { ApplicationInput } from './requests.contract.js';
import type { Channel } from './requests.rules.js';
import { act, registerRequest } from './requests.service.js';

/** A demo 居民身份证 number with a valid GB 11643 check digit. */
const id = (first17: string) => {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
};

const person = (name: string, idNumber: string): Omit<ApplicationInput, 'infoDescription'> => ({
  applicantType: 'NATURAL_PERSON',
  name,
  contactPerson: '',
  idType: 'ID_CARD',
  idNumber,
  phone: '13800000000',
  email: 'demo@example.cn',
  address: '浙江省杭州市（演示地址）',
  postcode: '310000',
  infoTitle: '',
  infoDocNo: '',
  purpose: '',
  provisionForm: 'ELECTRONIC',
  delivery: 'EMAIL',
});

/**
 * Demo 依申请公开 cases for one bureau, at different points of the workflow and of the clock
 * (one near its deadline, one past it, one waiting for 补正, one answered), taken through the
 * real service verbs as the bureau's officer and reviewer, so every record and audit row is genuine.
 */
export async function seedDemoRequests(ctx: Ctx, orgId: string, officer: Actor, reviewer: Actor): Promise<number> {
  const cal = await workingCalendar(ctx);
  const today = shanghaiDate(ctx.clock.now());
  const workingDaysAgo = (n: number) => {
    let d = today;
    for (let left = n; left > 0; ) {
      d = addDays(d, -1);
      if (cal.isWorkingDay(d)) left--;
    }
    return d;
  };
  const as = (a: Actor): Ctx => ({ ...ctx, actor: a });
  const o = as(officer);
  const register = async (channel: Channel, arrivedOn: string, a: ApplicationInput) => (await registerRequest(o, orgId, { ...a, channel, arrivedOn, idempotencyKey: crypto.randomUUID() })).request.id;
  try {
    const ago = { nearDeadline: workingDaysAgo(16), overdue: workingDaysAgo(22), correction: workingDaysAgo(3), answered: workingDaysAgo(12) };

    await register('ONLINE', today, { ...person('陈晓明', '11010519491231002X'), infoDescription: '本局2025年卷烟零售点合理布局规划的制定依据和听证记录' });

    const near = await register('IN_PERSON', ago.nearDeadline, { ...person('周丽华', id('33010619850315002')), infoTitle: '关于2025年度烟草专卖零售许可证核发情况的统计', infoDescription: '2025年度本局核发、延续、变更烟草专卖零售许可证的数量' });
    await act(o, near, 'assign', { departmentId: null, officerId: officer.userId });

    const late = await register('POST_SIGNED', ago.overdue, { ...person('吴建军', id('33010219700101001')), infoDescription: '2024年本局行政处罚案件中涉及无证经营的案件数量' });
    await act(o, late, 'assign', { departmentId: null, officerId: officer.userId });

    const corr = await register('IN_PERSON', ago.correction, { ...person('郑敏', id('33010319900202002')), infoDescription: '关于零售户的那个文件' });
    await act(o, corr, 'request_correction', { items: ['请写明所需文件的名称、文号或发布时间', '请说明文件涉及的地区范围'], correctionDueBy: addDays(today, 14) });

    const done = await register('IN_PERSON', ago.answered, { ...person('孙伟', id('33010419880707003')), infoDocNo: '浙烟专〔2025〕8号', infoDescription: '浙烟专〔2025〕8号文件全文' });
    await act(o, done, 'draft_reply', { outcome: 'ALREADY_PUBLIC', reasons: [], body: '', documents: '本局门户网站“信息公开”栏目已主动公开该文件全文' });
    await act(o, done, 'submit_reply', {});
    await act(as(reviewer), done, 'approve_reply', { comment: '同意' });
    await act(o, done, 'deliver', { method: 'EMAIL', deliveredOn: today, proof: '电子邮件已发送' });
    return 6;
  } catch (e) {
    // Outside the years whose holidays are entered there is no clock to demonstrate.
    if (e instanceof YearNotLoadedError) return 0;
    throw e;
  }
}
