import crypto from 'node:crypto';
import type { Ctx, Actor } from '../../platform/context.js';
import { addDays, shanghaiDate, YearNotLoadedError } from '../calendar/calendar.rules.js';
import { workingCalendar } from '../calendar/calendar.service.js';
import type { ApplicationInput } from './requests.contract.js';
import type { Channel } from './requests.rules.js';
import { act, addAppeal, registerRequest } from './requests.service.js';

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
    return 6 + (await seedLastYear(ctx, orgId, officer, reviewer, Number(today.slice(0, 4)) - 1));
  } catch (e) {
    // Outside the years whose holidays are entered there is no clock to demonstrate.
    if (e instanceof YearNotLoadedError) return 0;
    throw e;
  }
}

type Outcome = 'DISCLOSE' | 'ALREADY_PUBLIC' | 'PARTIAL' | 'WITHHOLD' | 'NOT_EXIST' | 'NEEDS_CREATION' | 'PETITION' | 'REPEAT' | 'WITHDRAWN';
const company = (name: string, code: string, type: ApplicationInput['applicantType']): Omit<ApplicationInput, 'infoDescription'> => ({ ...person(name, code), applicantType: type, contactPerson: '王经理', idType: 'CREDIT_CODE' });

/**
 * Last year's concluded cases, so the annual report of that year has figures to compute and
 * check (issue 6): every applicant type, the usual outcomes, one withdrawal, two cases carried
 * into this year, and a 行政复议 that upheld a refusal. Each case goes through the real verbs on
 * its own dates (the clock is set to the day of each step).
 */
async function seedLastYear(ctx: Ctx, orgId: string, officer: Actor, reviewer: Actor, year: number): Promise<number> {
  const on = (date: string, a: Actor): Ctx => ({ ...ctx, actor: a, clock: { now: () => new Date(`${date}T02:00:00Z`) } });
  const plan: [string, Omit<ApplicationInput, 'infoDescription'>, string, Outcome, string[], number][] = [
    ['01-08', person('李国华', id('33010619700308101')), '2024年度卷烟零售许可证核发数量', 'DISCLOSE', [], 12],
    ['01-15', company('杭州某某商贸有限公司', '91330100MA2XXXX01K', 'COMMERCIAL'), '本市卷烟批发企业名单', 'ALREADY_PUBLIC', [], 8],
    ['02-19', person('陈美玲', id('33010219850412202')), '零售点合理布局规定的听证笔录', 'PARTIAL', ['THIRD_PARTY_RIGHTS'], 18],
    ['03-03', person('周建明', id('33010319660901303')), '本人许可证申请的审查意见', 'DISCLOSE', [], 10],
    ['03-11', person('吴小燕', id('33010419920120404')), '某零售户被处罚的案卷材料', 'WITHHOLD', ['ENFORCEMENT_CASE_FILE'], 15],
    ['03-25', company('浙江某某律师事务所', '31330000MD0XXXX02T', 'LEGAL_SERVICE'), '2024年行政处罚案件数量统计', 'DISCLOSE', [], 9],
    ['04-07', person('郑海涛', id('33010519780606505')), '局长办公会会议纪要', 'WITHHOLD', ['PROCESS_INFO'], 14],
    ['04-21', person('王丽', id('33010619880214606')), '卷烟市场价格监测数据', 'NOT_EXIST', [], 11],
    ['05-06', company('某某大学公共管理学院', '12330000470XXXX03H', 'RESEARCH'), '近三年政府信息公开申请办理情况', 'ALREADY_PUBLIC', [], 6],
    ['05-20', person('钱志强', id('33010719690505707')), '本局机关内部考勤制度', 'WITHHOLD', ['INTERNAL_AFFAIRS'], 13],
    ['06-09', person('孙丽娟', id('33010819870707808')), '电子烟专项检查的检查结果', 'PARTIAL', ['PROCESS_INFO'], 19],
    ['06-23', person('李国华', id('33010619700308101')), '2024年度卷烟零售许可证核发数量', 'REPEAT', [], 5],
    ['07-07', person('赵建平', id('33010919750909909')), '要求查处邻居无证销售卷烟', 'PETITION', [], 7],
    ['07-21', company('温州某某烟酒商行', '92330300MA2XXXX04P', 'COMMERCIAL'), '零售许可证延续办理时限的规定', 'ALREADY_PUBLIC', [], 4],
    ['08-04', person('冯晓东', id('33011019810101010')), '按行政区划汇总的零售户经营数据', 'NEEDS_CREATION', [], 16],
    ['08-18', person('何丽萍', id('33011119930303111')), '卷烟打假工作经费使用情况', 'DISCLOSE', [], 17],
    ['09-01', person('许文军', id('33011219660808212')), '本人被处罚案件的处罚决定书', 'DISCLOSE', [], 8],
    ['09-15', company('某某消费者权益保护协会', '51330000MJ9XXXX05A', 'PUBLIC_INTEREST'), '卷烟质量抽检结果', 'DISCLOSE', [], 12],
    ['10-09', person('韩雪', id('33011319900606313')), '专卖管理所人员编制情况', 'NOT_EXIST', [], 10],
    ['10-20', person('曹志华', id('33011419720202414')), '零售点布局规划修订的征求意见汇总', 'PARTIAL', ['PROCESS_INFO'], 15],
    ['11-03', person('彭明', id('33011519850909515')), '本局2025年部门预算', 'ALREADY_PUBLIC', [], 3],
    ['11-17', person('蒋红', id('33011619910112616')), '某商户许可证注销的原因', 'WITHDRAWN', [], 6],
    ['12-01', person('沈立新', id('33011719680815717')), '烟草专卖执法人员名单', 'DISCLOSE', [], 9],
    ['12-22', person('韦晓光', id('33011819890317818')), '年度执法检查计划', 'WITHHOLD', ['PROCESS_INFO'], 25],
    ['12-29', company('宁波某某连锁便利店有限公司', '91330200MA2XXXX06X', 'COMMERCIAL'), '零售许可证新办条件', 'ALREADY_PUBLIC', [], 12],
  ];
  try {
    let n = 0;
    for (const [md, who, info, outcome, reasons, days] of plan) {
      const arrived = `${year}-${md}`;
      const done = addDays(arrived, days);
      const caseId = (await registerRequest(on(arrived, officer), orgId, { ...who, infoDescription: info, channel: 'IN_PERSON', arrivedOn: arrived, idempotencyKey: crypto.randomUUID() })).request.id;
      n++;
      if (outcome === 'WITHDRAWN') {
        await act(on(done, officer), caseId, 'withdraw', { reason: '申请人来电表示不再需要' });
        continue;
      }
      const documents = ['DISCLOSE', 'PARTIAL', 'ALREADY_PUBLIC'].includes(outcome) ? '所申请信息的复制件（电子文档）' : '';
      await act(on(addDays(done, -3), officer), caseId, 'draft_reply', { outcome, reasons, body: '', documents });
      await act(on(addDays(done, -3), officer), caseId, 'submit_reply', {});
      await act(on(addDays(done, -1), reviewer), caseId, 'approve_reply', { comment: '同意' });
      await act(on(done, officer), caseId, 'deliver', { method: 'EMAIL', deliveredOn: done, proof: '电子邮件已发送' });
      if (info === '局长办公会会议纪要') await addAppeal(on(addDays(done, 20), officer), caseId, { kind: 'reconsideration', filedOn: addDays(done, 20), body: '浙江省人民政府', result: 'maintained', concludedOn: addDays(done, 70), note: '复议维持' });
    }
    return n;
  } catch (e) {
    if (e instanceof YearNotLoadedError) return 0;
    throw e;
  }
}
