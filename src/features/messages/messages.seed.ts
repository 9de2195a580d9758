import crypto from 'node:crypto';
import type { Actor, Ctx } from '../../platform/context.js';
import { YearNotLoadedError } from '../calendar/calendar.rules.js';
import { organisations, departments } from '../organisations/organisations.tables.js';
import { eq } from 'drizzle-orm';
import type { Category } from './messages.rules.js';
import { act, publish, publishPreview, rate, submitMessage, messageCode } from './messages.service.js';

interface Template {
  category: Category;
  subject: string;
  content: string;
  reply: string;
}

/** What people write to tobacco bureaus, with the replies a bureau sends. Names and numbers are invented. */
const TEMPLATES: Template[] = [
  { category: 'consult', subject: '烟草专卖零售许可证延续需要什么材料', content: '我的烟草专卖零售许可证明年3月到期，想问一下延续需要准备什么材料，可以网上办吗？我叫{name}，电话{phone}。', reply: '您好！许可证有效期届满需要继续经营的，请在届满30日前申请延续，可通过政务服务网在线办理，一般只需提交延续申请表，其他材料通过数据共享获取。感谢您的来信。' },
  { category: 'consult', subject: '店铺搬迁后烟证怎么办', content: '我的便利店要从城东搬到城西，原来的零售许可证还能用吗？需要重新办理吗？', reply: '您好！经营地址变化需要重新申请烟草专卖零售许可证，新址须符合合理布局要求，原证办理歇业。可先通过政务服务网查询新址是否符合布局要求。' },
  { category: 'consult', subject: '学校附近能否申请零售许可证', content: '我家的小超市离一所小学大约80米，请问能不能申请烟草专卖零售许可证？', reply: '您好！依照《中华人民共和国未成年人保护法》，中小学、幼儿园周边不予发放烟草专卖零售许可证，具体范围以本地合理布局规定为准。建议您来电或到办事大厅确认。' },
  { category: 'consult', subject: '电子烟零售许可如何申请', content: '想开一家电子烟专卖店，请问需要办理哪些手续，到哪里进货？', reply: '您好！从事电子烟零售业务须取得烟草专卖零售许可证，并通过全国统一的电子烟交易管理平台进货。申请可在政务服务网在线办理。' },
  { category: 'consult', subject: '政府信息公开申请多久答复', content: '上周在网站提交了政府信息公开申请，请问一般多久能收到答复？', reply: '您好！本局自收到申请之日起20个工作日内答复，网上申请以与您确认之日为收到申请之日。您可凭受理编号和查询码查询办理进度。' },
  { category: 'consult', subject: '个人携带卷烟数量限制', content: '春节回老家想带几条烟送亲戚，坐高铁有没有数量限制？', reply: '您好！个人携带烟草专卖品不得超过国家烟草专卖局规定的限量，超过限量应当持有准运证。具体限量可拨打12313咨询。' },
  { category: 'suggest', subject: '建议延长办事大厅周末服务时间', content: '很多零售户平时要看店，建议办事大厅周末也能办理许可证业务。', reply: '您好！感谢您的建议。本局已在办事大厅推行周六上午延时服务，并将进一步推广网上办理和邮寄送达，减少零售户跑腿。' },
  { category: 'suggest', subject: '建议网站增加许可证办理进度短信提醒', content: '网上申请许可证以后，希望每一步都有短信通知，不用反复登录查看。', reply: '您好！感谢您的建议。许可证办结后已有短信通知，受理和实地核查环节的提醒将在系统升级时一并增加。' },
  { category: 'suggest', subject: '建议公开零售点布局查询地图', content: '申请烟证前不知道自己的位置符不符合布局要求，建议在网上提供查询地图。', reply: '您好！感谢您的建议。本局正在建设零售点布局查询功能，建成后将在网站和政务服务网上线。' },
  { category: 'complain', subject: '客户经理多次未按约定时间送货', content: '近一个月卷烟送货时间不固定，有两次到晚上九点才送到，影响营业。店名：城南便民超市，联系人{name}，电话{phone}。', reply: '您好！经核实，您所在线路因调整送货路线导致送达时间推迟，现已恢复原送货时段，并要求客户经理提前电话告知。对给您带来的不便表示歉意。' },
  { category: 'complain', subject: '许可证延续办理时间过长', content: '延续申请提交已经十几天，一直显示审核中，没有人联系我。', reply: '您好！经核实，您的申请因需实地核查经营场所而延长了办理时间，现已办结，许可证已邮寄。今后将在实地核查前电话告知申请人。' },
  { category: 'complain', subject: '执法人员检查时态度生硬', content: '昨天执法人员来店检查，说话态度很差，也没有出示证件。', reply: '您好！本局已调查核实，当日检查人员出示了执法证件，但沟通方式确有不当，已对相关人员进行批评教育。感谢您的监督。' },
  { category: 'report', subject: '举报某超市销售假冒卷烟', content: '城北路某超市柜台里卖的中华烟价格明显偏低，怀疑是假烟。', reply: '您好！接到举报后，本局执法人员已到现场检查，依法查扣涉嫌假冒卷烟，案件正在依法处理。感谢您的举报，举报奖励按规定办理。' },
  { category: 'report', subject: '举报无证销售卷烟', content: '小区门口的水果店没有烟草专卖零售许可证却一直在卖烟。', reply: '您好！经检查，该店确无烟草专卖零售许可证销售卷烟，本局已依法责令停止经营并立案处理。感谢您的举报。' },
  { category: 'report', subject: '举报网上销售电子烟', content: '某社交平台账号在网上销售电子烟和烟弹，还可以快递发货。', reply: '您好！本局已将线索移交有关部门并配合平台依法处置相关账号。网络销售电子烟属于违法行为，感谢您的举报。' },
  { category: 'consult', subject: '许可证遗失如何补办', content: '店里装修时不小心把烟草专卖零售许可证弄丢了，怎么补办？', reply: '您好！许可证遗失的，可通过政务服务网申请补办，填写补办申请并说明遗失情况即可，补发的许可证有效期与原证一致。' },
  { category: 'consult', subject: '歇业后剩余卷烟如何处理', content: '准备关店不做了，店里还剩一些卷烟，应该怎么处理？', reply: '您好！办理歇业时请与当地烟草专卖局联系，剩余卷烟的处理按本局有关规定办理，请勿私自转卖给无证经营者。' },
  { category: 'suggest', subject: '建议简化个体户变更经营者手续', content: '家里老人年纪大了想把店交给子女经营，希望能简化变更手续。', reply: '您好！感谢您的建议。依照现行规定个体工商户变更经营者需重新申请，本局已提供帮办服务，并将您的建议反映给上级部门研究。' },
  { category: 'complain', subject: '网上留言一直没有回复', content: '两周前在网站留言咨询许可证问题，到现在还没有人回复。', reply: '您好！经查，您的留言因转办环节延误未能按时答复，现已答复并对相关人员进行了提醒。今后将加强留言办理时限管理。' },
  { category: 'consult', subject: '12313热线的服务时间', content: '请问12313热线晚上能打通吗？周末有人接听吗？', reply: '您好！本省12313人工服务时间为每日8:30至17:30，其他时段可留言，工作人员上班后回复。您也可以随时通过网站留言。' },
];

const WRITERS = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周婷', '吴强', '徐丽', '孙杰', '胡军', '朱琳', '高峰', '林霞', '何涛', '郭敏', '马超', '罗丹'];

/**
 * 100 demo messages across the seeded organisations, in every status, taken through the real
 * service verbs on the days they would have happened (the clock is set back for each step), so
 * deadlines, hand-offs, merges, ratings, publication and audit rows are all genuine.
 */
export async function seedDemoMessages(ctx: Ctx, orgKeys: Map<string, string>, staffOf: (orgKey: string, role: 'message_officer' | 'reviewer') => Actor): Promise<number> {
  const keys = ['national', 'zhejiang', 'guangdong', 'sichuan', 'hangzhou'];
  const children: Record<string, string | null> = { national: 'zhejiang', zhejiang: 'hangzhou', guangdong: null, sichuan: null, hangzhou: null };
  const now = ctx.clock.now().getTime();
  const at = (daysAgo: number, actor: Actor | null): Ctx => ({ ...ctx, actor, clock: { now: () => new Date(now - daysAgo * 86_400_000) } });
  const ids: string[] = [];
  try {
    for (let i = 0; i < 100; i++) {
      // Ten messages per bureau in turn, one in each state, twice over.
      const key = keys[Math.floor(i / 10) % keys.length];
      const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, orgKeys.get(key)!));
      const state = i % 10;
      // A duplicate (state 8) repeats the text of the message it is merged into.
      const t = TEMPLATES[((state === 8 ? i - 5 : i) * 7) % TEMPLATES.length];
      const open = state <= 4;
      // Open messages are mostly from the last two weeks, a few near or past the 3-month line;
      // finished ones are at least 8 days old, so every step falls on or before today.
      const days = open ? (i % 7 === 0 ? 80 + (i % 15) : (i * 3) % 14) : 8 + ((i * 11) % 90);
      const officer = staffOf(key, 'message_officer');
      const reviewer = staffOf(key, 'reviewer');
      const name = WRITERS[i % WRITERS.length];
      const phone = `139${String(10_000_000 + i * 7919).slice(0, 8)}`;
      const content = t.content.replace('{name}', name).replace('{phone}', phone);
      const { message } = await submitMessage(
        at(days, null),
        org,
        { category: t.category, subject: t.subject, content, name, phone, email: '', publishConsent: state === 9 || i % 3 === 0 },
        crypto.randomUUID(),
      );
      ids.push(message.id);
      const id = message.id;
      if (state === 0) continue;
      if (state === 7) {
        await act(at(days, officer), id, 'decline', { reason: '反映的是涉烟违法线索，请通过12313热线举报，以便及时查处。', referral: '12313' });
        continue;
      }
      if (state === 8) {
        await act(at(days, officer), id, 'merge', { intoId: ids[i - 5] });
        continue;
      }
      const [dep] = await ctx.db.select().from(departments).where(eq(departments.orgId, org.id)).limit(1);
      await act(at(days, officer), id, 'accept', { departmentId: null, note: '' });
      let handler = { key, officer, reviewer };
      if (state === 2 && children[key]) {
        await act(at(Math.max(days - 1, 0), officer), id, 'transfer', { toOrgId: orgKeys.get(children[key]!)!, note: '请核实情况后直接答复留言人，并报送办理结果。' });
        handler = { key: children[key]!, officer: staffOf(children[key]!, 'message_officer'), reviewer: staffOf(children[key]!, 'reviewer') };
      } else if (state === 2 && dep) {
        await act(at(Math.max(days - 1, 0), officer), id, 'transfer', { toDepartmentId: dep.id, note: '请按职责办理。' });
      }
      if (state <= 2) continue;
      await act(at(Math.max(days - 2, 0), handler.officer), id, 'draft_reply', { body: t.reply });
      if (state === 3) continue;
      await act(at(Math.max(days - 3, 0), handler.reviewer), id, 'approve_reply', { comment: '同意' });
      if (state === 4) continue;
      await act(at(Math.max(days - 3, 0), handler.officer), id, 'send_reply', {});
      const code = messageCode(ctx, id);
      if (state === 6 || state === 9) await rate(at(Math.max(days - 5, 0), null), message.receiptNo, code, i % 4 === 0 ? 'fair' : i % 7 === 0 ? 'unsatisfied' : 'satisfied', i % 4 === 0 ? '答复及时，希望后续跟进。' : '');
      if (state === 6) await act(at(Math.max(days - 6, 0), handler.officer), id, 'follow_up', { method: '电话', result: '留言人表示问题已解决。' });
      if (state === 9) await publish(at(Math.max(days - 4, 0), officer), id, await publishPreview(at(Math.max(days - 4, 0), officer), id));
    }
    return ids.length;
  } catch (e) {
    if (e instanceof YearNotLoadedError) return ids.length;
    throw e;
  }
}
