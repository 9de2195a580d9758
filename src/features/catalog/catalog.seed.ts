import { Document, Packer, Paragraph } from 'docx';
import { eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../../platform/context.js';
import { organisations } from '../organisations/organisations.tables.js';
import { shanghaiDate, addDays } from '../calendar/calendar.rules.js';
import type { DocContentInput } from './catalog.content.js';
import { paragraphs } from './catalog.html.js';
import { documentRevisions } from './catalog.tables.js';
import { act, addFile, createDocument, createNode, getDocument, putSettings, saveDocument, settingsOf } from './catalog.service.js';

/**
 * Demo catalogue (issue 3 §10): for each of the five demo bureaus, the 公开目录 tree, the 公开指南
 * and about 70 items — 规范性文件 with their interpretations, notices, plans, statistics, budgets,
 * permits and inspection results — taken through the real verbs (draft, submit, approve, publish)
 * on the days they would have happened. One item is withdrawn, one revised, one repealed by a
 * revision, one partly invalid, and one is scheduled for the future. Names and numbers are invented.
 */

interface Template {
  /** Stable key: the labelled search queries in bench/search/ refer to items by it. */
  key: string;
  node: string;
  title: string;
  summary: string;
  body: string[];
  topic: string;
  genre?: DocContentInput['genre'];
  contentType?: DocContentInput['contentType'];
  fiveOpen: NonNullable<DocContentInput['fiveOpen']>;
  docClass?: DocContentInput['docClass'];
  agency?: string;
  policy?: { plan: string; interpretation: { form: 'TEXT' | 'GRAPHIC' | 'DATA' | 'PRESS_CONFERENCE' | 'LEADER'; title: string; body: string[]; chart?: { title: string; unit: string; rows: [string, number][] } } };
  keywords?: string[];
  attachment?: { name: string; lines: string[] };
  /** Years of validity for a 规范性文件 (expiry date = effective + years). */
  validYears?: number;
}

const NODES: [string, string | null][] = [
  ['机构职能', null],
  ['法规文件', null],
  ['规范性文件', '法规文件'],
  ['其他文件', '法规文件'],
  ['规划计划', null],
  ['行政许可', null],
  ['行政执法', null],
  ['双随机一公开', '行政执法'],
  ['行政处罚', '行政执法'],
  ['财政资金', null],
  ['人事信息', null],
  ['统计信息', null],
  ['工作动态', null],
];

/** Item templates; `{org}` is the bureau's name, `{prov}` its region, `{Y}` the year. */
const TEMPLATES: Template[] = [
  {
    key: 'licence-rules', node: '规范性文件', title: '{org}关于印发《烟草专卖零售许可证管理实施办法》的通知', genre: '通知', docClass: 'NORMATIVE', fiveOpen: 'DECISION', topic: '07.02', agency: '专', validYears: 5,
    summary: '规范{prov}烟草专卖零售许可证的申请、受理、审查、决定、延续、变更、停业、歇业和注销。',
    body: ['为规范烟草专卖零售许可证管理，依据《中华人民共和国烟草专卖法》《中华人民共和国烟草专卖法实施条例》和《烟草专卖许可证管理办法》，结合{prov}实际，制定本办法。', '申请烟草专卖零售许可证，应当有与经营烟草制品零售业务相适应的资金、固定的经营场所，符合合理布局的要求。', '许可机关应当自受理申请之日起20个工作日内作出决定；需要实地核查的，核查时间不计入办理时限。', '许可证有效期届满需要继续经营的，应当在届满30日前申请延续。'],
    keywords: ['零售许可证', '合理布局', '延续'],
    policy: { plan: '由专卖监督管理处起草文字解读和图解，与办法同步报审、同步发布。', interpretation: { form: 'GRAPHIC', title: '一图读懂《烟草专卖零售许可证管理实施办法》', body: ['办理零售许可证分为申请、受理、审查、决定四个环节。', '新办、延续、变更均可在政务服务网在线办理，办结后邮寄送达。'] } },
    attachment: { name: '零售许可证办理流程及材料清单.docx', lines: ['烟草专卖零售许可证办理流程', '一、申请人提交申请表、经营场所产权证明或租赁合同。', '二、许可机关受理后进行实地核查。', '三、符合条件的核发烟草专卖零售许可证正本和副本。'] },
  },
  {
    key: 'layout-plan', node: '规范性文件', title: '{org}关于发布烟草制品零售点合理布局规划的通告', genre: '通告', docClass: 'NORMATIVE', fiveOpen: 'DECISION', topic: '07.02', agency: '专', validYears: 5,
    summary: '公布{prov}烟草制品零售点合理布局的间距标准、限制区域和不予许可的情形。',
    body: ['为加强烟草制品零售点合理布局管理，保护未成年人身心健康，现就零售点合理布局规划通告如下。', '中小学校、幼儿园周边一定范围内，不得设置烟草制品零售点。', '同一街道相邻零售点之间应当保持规定的间距，具体标准见附件。', '本通告自发布之日起施行。'],
    keywords: ['合理布局', '间距', '未成年人'],
    policy: { plan: '由法规处牵头，与通告同步发布文字解读和数据解读。', interpretation: { form: 'DATA', title: '数据解读：零售点合理布局规划调整前后对比', body: ['规划实施后，城区零售点间距标准保持稳定，学校周边限制区域进一步扩大。'], chart: { title: '各类区域零售点最小间距', unit: '米', rows: [['城区主干道', 50], ['城区一般街道', 30], ['乡镇', 100], ['学校周边限制', 100]] } } },
  },
  {
    key: 'ecig-supervision', node: '规范性文件', title: '{org}关于进一步加强电子烟市场监管的通知', genre: '通知', docClass: 'NORMATIVE', fiveOpen: 'EXECUTION', topic: '09.06', agency: '专', validYears: 3,
    summary: '部署电子烟零售许可、交易管理平台进货和网络销售监管工作。',
    body: ['电子烟纳入烟草专卖管理以来，电子烟市场秩序总体平稳，但违规销售、网络销售等问题仍然存在。', '各地要严格电子烟零售许可，督促电子烟零售主体通过电子烟交易管理平台进货。', '严禁向未成年人销售电子烟，严厉打击通过信息网络销售电子烟的违法行为。'],
    keywords: ['电子烟', '交易管理平台', '未成年人'],
    policy: { plan: '与通知同步发布负责人解读，说明电子烟监管重点。', interpretation: { form: 'LEADER', title: '{org}负责人就加强电子烟市场监管答记者问', body: ['问：此次通知的主要考虑是什么？答：进一步规范电子烟市场秩序，保护未成年人。', '问：消费者如何辨别合法电子烟？答：合法电子烟零售点均持有烟草专卖零售许可证，并从交易管理平台进货。'] } },
  },
  {
    key: 'penalty-discretion', node: '规范性文件', title: '{org}烟草专卖行政处罚裁量基准', contentType: 'OTHER', docClass: 'NORMATIVE', fiveOpen: 'EXECUTION', topic: '16.03', validYears: 5,
    summary: '细化烟草专卖违法行为的处罚裁量档次，规范行政处罚自由裁量权。',
    body: ['为规范烟草专卖行政处罚裁量权，依据《烟草专卖行政处罚程序规定》，制定本裁量基准。', '无烟草专卖零售许可证经营烟草制品零售业务的，按情节轻重分档处罚。', '首次违法且危害后果轻微并及时改正的，可以不予行政处罚。'],
    keywords: ['行政处罚', '裁量基准', '首违不罚'],
    policy: { plan: '法规处起草文字解读，逐条说明裁量档次。', interpretation: { form: 'TEXT', title: '《烟草专卖行政处罚裁量基准》解读', body: ['裁量基准将违法行为分为轻微、一般、严重三个档次。', '对首次违法且危害后果轻微并及时改正的，依法不予行政处罚，体现包容审慎监管。'] } },
  },
  {
    key: 'random-inspection', node: '双随机一公开', title: '{org}{Y}年度“双随机、一公开”抽查计划', contentType: 'PLAN', fiveOpen: 'EXECUTION', topic: '09.06',
    summary: '公布{Y}年度随机抽查事项清单、抽查比例和时间安排。',
    body: ['根据“双随机、一公开”监管工作要求，制定{Y}年度抽查计划。', '抽查对象从烟草专卖零售许可证持证户名录库中随机抽取，执法检查人员从执法人员名录库中随机选派。', '抽查结果将在抽查完成后20个工作日内向社会公开。'],
    keywords: ['双随机一公开', '抽查计划'],
  },
  {
    key: 'random-result', node: '双随机一公开', title: '{org}{Y}年第二季度“双随机”抽查结果公告', genre: '公告', fiveOpen: 'RESULT', topic: '09.06', agency: '专',
    summary: '公开{Y}年第二季度随机抽查零售户的检查结果和处理情况。',
    body: ['{Y}年第二季度，共随机抽取烟草制品零售户120户进行检查。', '检查发现未按规定亮证经营2户、超范围经营1户，已责令改正。', '其余零售户未发现问题。'],
    keywords: ['双随机一公开', '抽查结果'],
    attachment: { name: '抽查结果明细表.docx', lines: ['随机抽查结果明细', '序号 1 城东便民店 检查结果：未发现问题', '序号 2 西湖副食店 检查结果：未按规定亮证经营，已责令改正'] },
  },
  {
    key: 'licence-results', node: '行政许可', title: '{org}{Y}年3月烟草专卖零售许可办理结果公示', contentType: 'OTHER', fiveOpen: 'RESULT', topic: '07.02',
    summary: '公示{Y}年3月烟草专卖零售许可证新办、延续、变更和注销的办理结果。',
    body: ['根据行政许可公示要求，现将{Y}年3月烟草专卖零售许可证办理结果公示如下。', '本月共受理申请356件，准予许可341件，不予许可15件。', '不予许可的主要原因为不符合合理布局要求。'],
    keywords: ['零售许可证', '办理结果'],
  },
  {
    key: 'service-guide', node: '行政许可', title: '烟草专卖零售许可证新办服务指南', contentType: 'OTHER', fiveOpen: 'SERVICE', topic: '07.02',
    summary: '说明零售许可证新办的受理条件、申请材料、办理流程、办理时限和收费标准。',
    body: ['一、受理条件：有与经营烟草制品零售业务相适应的资金和固定经营场所，符合合理布局要求。', '二、申请材料：烟草专卖零售许可证申请表；经营场所产权证明或租赁合同。', '三、办理时限：20个工作日。', '四、收费标准：不收费。', '五、办理渠道：政务服务网在线办理或到办事大厅窗口办理。'],
    keywords: ['零售许可证', '服务指南', '一网通办'],
  },
  {
    key: 'anti-counterfeit', node: '工作动态', title: '{org}开展{Y}年卷烟打假打私专项行动', contentType: 'NOTICE', fiveOpen: 'EXECUTION', topic: '09.06',
    summary: '{org}部署开展卷烟打假打私专项行动，严厉打击制售假冒卷烟和走私卷烟。',
    body: ['近日，{org}召开专项行动部署会，在全省范围内开展卷烟打假打私专项行动。', '行动聚焦制售假冒卷烟、走私卷烟和网络销售违法行为，加强与公安、市场监管等部门协作。', '群众可拨打12313举报涉烟违法线索。'],
    keywords: ['打假打私', '假烟', '走私烟'],
  },
  {
    key: 'case-stats', node: '统计信息', title: '{org}{Y}年上半年涉烟案件查处情况', contentType: 'STATISTICS', fiveOpen: 'RESULT', topic: '16.03',
    summary: '公布{Y}年上半年查处涉烟违法案件的数量、案值和典型案例。',
    body: ['{Y}年上半年，全省共查处涉烟违法案件1,280起，查获假冒卷烟和走私卷烟3,600万支。', '其中网络涉烟案件占比上升，电子烟案件有所增加。'],
    keywords: ['涉烟案件', '统计'],
  },
  {
    key: 'budget', node: '财政资金', title: '{org}{Y}年部门预算公开', contentType: 'OTHER', fiveOpen: 'MANAGEMENT', topic: '04.01',
    summary: '公开{org}{Y}年部门收支预算、财政拨款预算和“三公”经费预算。',
    body: ['按照预算公开要求，现将{org}{Y}年部门预算公开如下。', '部门预算包括收支总表、收入总表、支出总表、财政拨款收支总表和“三公”经费预算情况说明。'],
    keywords: ['部门预算', '三公经费'],
    attachment: { name: '部门预算报表.docx', lines: ['部门预算收支总表', '一般公共预算拨款收入', '“三公”经费预算：因公出国（境）费、公务用车购置及运行费、公务接待费'] },
  },
  {
    key: 'final-accounts', node: '财政资金', title: '{org}{Y}年度部门决算公开', contentType: 'OTHER', fiveOpen: 'MANAGEMENT', topic: '04.01',
    summary: '公开{org}{Y}年度部门决算和“三公”经费支出情况。',
    body: ['现将{org}{Y}年度部门决算公开如下。', '{Y}年度“三公”经费支出较预算减少，主要是严格执行中央八项规定精神，压减公务接待和公务用车支出。'],
    keywords: ['部门决算', '三公经费'],
  },
  {
    key: 'procurement', node: '财政资金', title: '{org}{Y}年政府采购意向公开', contentType: 'OTHER', fiveOpen: 'MANAGEMENT', topic: '04.01',
    summary: '公开{Y}年政府采购项目的采购意向，包括项目名称、需求概况、预算金额和预计采购时间。',
    body: ['为便于供应商及时了解政府采购信息，现将{org}{Y}年采购意向公开如下。', '专卖执法装备采购项目，预算金额80万元，预计采购时间二季度。', '本次公开的采购意向是初步安排，具体以采购公告为准。'],
    keywords: ['政府采购', '采购意向'],
  },
  {
    key: 'recruitment', node: '人事信息', title: '{org}{Y}年公开招聘工作人员公告', genre: '公告', fiveOpen: 'MANAGEMENT', topic: '15.03',
    summary: '公布{Y}年公开招聘岗位、报名条件、报名时间和考试安排。',
    body: ['根据工作需要，{org}{Y}年面向社会公开招聘工作人员。', '报名采取网上报名方式，报名时间为期7天。', '考试分为笔试和面试，最终成绩按笔试和面试成绩加权计算。'],
    keywords: ['公开招聘', '招聘公告'],
  },
  {
    key: 'work-plan', node: '规划计划', title: '{org}{Y}年政务公开工作要点', contentType: 'PLAN', fiveOpen: 'DECISION', topic: '02.01',
    summary: '部署{Y}年政务公开重点工作：主动公开、依申请公开、政策解读、回应关切和平台建设。',
    body: ['{Y}年政务公开工作以提升政策解读质量和回应关切实效为重点。', '全面落实政府信息公开条例，规范依申请公开办理，确保在法定期限内答复。', '加强政府网站和政务新媒体建设，做好政策解读和政务舆情回应。'],
    keywords: ['政务公开', '工作要点', '政策解读'],
  },
  {
    key: 'five-year-plan', node: '规划计划', title: '{prov}烟草专卖管理“十四五”发展规划', contentType: 'PLAN', fiveOpen: 'DECISION', topic: '03.01',
    summary: '明确“十四五”时期{prov}烟草专卖管理的发展目标、主要任务和保障措施。',
    body: ['“十四五”时期是推进烟草专卖管理体系和治理能力现代化的关键时期。', '主要任务包括：完善许可管理制度、提升市场监管效能、推进专卖执法规范化建设、深化“放管服”改革。'],
    keywords: ['十四五', '发展规划', '放管服'],
  },
  {
    key: 'duties', node: '机构职能', title: '{org}主要职责和内设机构', contentType: 'OTHER', fiveOpen: 'MANAGEMENT', topic: '02.09',
    summary: '公开{org}的主要职责、内设机构及其职能和联系方式。',
    body: ['{org}是{prov}烟草专卖行政主管部门，依法对烟草专卖品的生产、销售和运输实施监督管理。', '内设办公室、专卖监督管理处、法规处、人事处、财务处等机构。'],
    keywords: ['主要职责', '内设机构'],
  },
  {
    key: 'transport-permit', node: '行政许可', title: '烟草专卖品准运证办理指南', contentType: 'OTHER', fiveOpen: 'SERVICE', topic: '07.02',
    summary: '说明烟草专卖品准运证的申请条件、材料和办理流程。',
    body: ['运输烟草专卖品超过国家规定限量的，应当凭烟草专卖品准运证运输。', '个人携带烟草专卖品不超过国家规定限量的，无需办理准运证。', '准运证可在政务服务网申请办理。'],
    keywords: ['准运证', '运输'],
  },
  {
    key: 'hearing-notice', node: '其他文件', title: '{org}关于征求《卷烟零售市场规范经营指引（征求意见稿）》意见的公告', genre: '公告', fiveOpen: 'DECISION', topic: '07.02', agency: '专',
    summary: '公开征求社会各界对卷烟零售市场规范经营指引的意见建议，征求意见期30日。',
    body: ['为广泛听取社会意见，现将《卷烟零售市场规范经营指引（征求意见稿）》公开征求意见。', '征求意见时间为30日，可通过网站留言、电子邮件或信函提出意见。', '我们将认真研究吸纳各方意见，并公开意见采纳情况。'],
    keywords: ['征求意见', '规范经营'],
  },
  {
    key: 'credit', node: '行政执法', title: '{org}烟草专卖零售户诚信等级评价办法', contentType: 'OTHER', docClass: 'NORMATIVE', fiveOpen: 'EXECUTION', topic: '04.07', validYears: 3,
    summary: '建立零售户诚信等级评价制度，实行分级分类监管。',
    body: ['为推进社会信用体系建设，对烟草专卖零售户实行诚信等级评价。', '评价结果分为A、B、C、D四级，作为日常监管频次的依据。', '诚信等级高的零售户减少检查频次，体现激励守信、惩戒失信。'],
    keywords: ['诚信等级', '信用监管'],
  },
  {
    key: 'press-conference', node: '工作动态', title: '{org}召开{Y}年专卖监管工作新闻发布会', contentType: 'PRESS_RELEASE', fiveOpen: 'RESULT', topic: '02.01',
    summary: '通报{Y}年专卖监管工作成效，回答记者提问。',
    body: ['{org}召开新闻发布会，通报{Y}年专卖监管工作情况。', '全年查处涉烟违法案件数量同比下降，卷烟零售市场秩序持续向好。', '发布会上，相关负责人回答了记者关于电子烟监管和零售许可证办理的提问。'],
    keywords: ['新闻发布会', '专卖监管'],
  },
];

const REGIONS: Record<string, { prov: string; abbr: string }> = {
  national: { prov: '全国', abbr: '国烟' },
  zhejiang: { prov: '浙江省', abbr: '浙烟' },
  guangdong: { prov: '广东省', abbr: '粤烟' },
  sichuan: { prov: '四川省', abbr: '川烟' },
  hangzhou: { prov: '杭州市', abbr: '杭烟' },
};

const fill = (s: string, v: { org: string; prov: string; Y: number }) => s.replace(/\{org\}/g, v.org).replace(/\{prov\}/g, v.prov).replace(/\{Y\}/g, String(v.Y));

async function docxOf(lines: string[]) {
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] })));
}

export async function seedDemoCatalog(ctx: Ctx, orgKeys: Map<string, string>, staffOf: (orgKey: string, role: 'editor' | 'reviewer') => Actor): Promise<number> {
  const now = ctx.clock.now().getTime();
  const at = (daysAgo: number, actor: Actor): Ctx => ({ ...ctx, actor, clock: { now: () => new Date(now - daysAgo * 86_400_000) } });
  const thisYear = Number(shanghaiDate(new Date(now)).slice(0, 4));
  let count = 0;
  for (const [oi, key] of ['national', 'zhejiang', 'guangdong', 'sichuan', 'hangzhou'].entries()) {
    const orgId = orgKeys.get(key)!;
    const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, orgId));
    const editor = staffOf(key, 'editor');
    const reviewer = staffOf(key, 'reviewer');
    const admin: Actor = { ...editor, roles: ['sys_admin', 'editor'] };
    const region = REGIONS[key];
    // The 公开目录 tree and the guide.
    const nodes = new Map<string, string>();
    for (const [name, parent] of NODES) nodes.set(name, (await createNode(at(800, admin), orgId, { name, parentId: parent ? nodes.get(parent)! : null, sortOrder: nodes.size })).id);
    await putSettings(at(800, admin), orgId, {
      indexTemplate: '{orgCode}/{YYYY}-{seq:05d}',
      indexYearBasis: 'published',
      interpretationLag: 3,
      approvalChains: [],
      rulesText: `${org.name}政府信息公开工作制度\n第一条 为做好政府信息公开工作，依据《中华人民共和国政府信息公开条例》，制定本制度。\n第二条 办公室是本机关政府信息公开工作机构，负责组织协调本机关政府信息公开工作。\n第三条 政府信息公开实行发布前审查，涉及国家秘密、商业秘密和个人隐私的信息不予公开。\n第四条 属于主动公开范围的政府信息，应当自该信息形成或者变更之日起20个工作日内予以公开。`,
      guide: {
        classification: '本机关政府信息分为主动公开、依申请公开和不予公开三类。主动公开的政府信息按本机关公开目录分为机构职能、法规文件、规划计划、行政许可、行政执法、财政资金、人事信息、统计信息和工作动态等类别。',
        arrangement: '政府信息按公开目录类别编排，每条信息标注索引号、名称、内容概述、生成日期、发布机构等要素。',
        access: '主动公开的政府信息通过本网站“法定主动公开内容”栏目发布，公众可以浏览、检索和下载。需要获取本机关其他政府信息的，可以向本机关提出政府信息公开申请。',
        unitName: `${org.name}办公室`,
        address: org.address,
        hours: '工作日上午8:30—12:00，下午13:30—17:30（法定节假日除外）',
        phone: org.phone,
        fax: org.phone,
        web: `gongkai@${org.slug}.example.gov.cn`,
        other: '申请人可以通过网站在线申请、信函、当面等方式提交政府信息公开申请。本机关依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，可以按照规定收取信息处理费。',
      },
    });
    // Each template in three years where it makes sense, spread over about two years back.
    const items: { t: Template; year: number; daysAgo: number }[] = [];
    TEMPLATES.forEach((t, ti) => {
      const yearly = t.title.includes('{Y}');
      const years = yearly ? [thisYear - 4, thisYear - 3, thisYear - 2, thisYear - 1, thisYear] : [thisYear - 1];
      years.forEach((y, yi) => {
        const daysAgo = Math.max(3, Math.round((thisYear - y) * 365 - yi * 5 + ((ti * 37 + oi * 11) % 300) - (y === thisYear ? 250 : 0)));
        if (y === thisYear && daysAgo > 300) return;
        items.push({ t, year: y, daysAgo });
      });
    });
    items.sort((a, b) => b.daysAgo - a.daysAgo);
    let docSeq = 1;
    const ids = new Map<string, string>();
    for (const { t, year, daysAgo } of items) {
      const v = { org: org.name, prov: region.prov, Y: year };
      const generated = shanghaiDate(new Date(now - (daysAgo + 4) * 86_400_000));
      const effective = t.docClass === 'NORMATIVE' ? addDays(generated, 30) : null;
      const content: DocContentInput = {
        title: fill(t.title, v),
        summary: fill(t.summary, v),
        docNumber: t.agency ? `${region.abbr}${t.agency}〔${generated.slice(0, 4)}〕${docSeq++}号` : '',
        writtenDate: t.genre ? generated : null,
        generatedDate: generated,
        formedOn: generated,
        effectiveDate: effective,
        expiryDate: effective && t.validYears ? addDays(effective, t.validYears * 365 - 1) : null,
        topic: t.topic,
        genre: t.genre ?? null,
        contentType: t.contentType ?? null,
        docClass: t.docClass ?? 'OTHER',
        catalogNodeId: nodes.get(t.node)!,
        fiveOpen: t.fiveOpen,
        disclosureAttribute: 'PROACTIVE',
        keywords: t.keywords ?? [],
        bodyHtml: paragraphs(t.body.map((b) => fill(b, v)).join('\n')),
        isPolicy: !!t.policy,
        interpretationPlan: t.policy?.plan ?? '',
      };
      const key2 = `${key}:${t.key}:${year}`;
      const id = await publishNew(at(daysAgo + 2, editor), at(daysAgo + 1, reviewer), at(daysAgo, editor), orgId, 'DOCUMENT', content, key2, t.attachment ? { name: t.attachment.name, content: await docxOf(t.attachment.lines.map((l) => fill(l, v))) } : null);
      ids.set(key2, id);
      count++;
      if (t.policy) {
        const i = t.policy.interpretation;
        // Interpretations go out the same day or a few days later; one in five is late (三同步 flag).
        const lag = count % 5 === 0 ? 8 : count % 2;
        const ic: DocContentInput = {
          title: fill(i.title, v),
          summary: `对${fill(t.title, v)}的解读。`,
          generatedDate: shanghaiDate(new Date(now - Math.max(0, daysAgo - lag) * 86_400_000)),
          topic: t.topic,
          catalogNodeId: nodes.get(t.node)!,
          fiveOpen: t.fiveOpen,
          disclosureAttribute: 'PROACTIVE',
          bodyHtml: paragraphs(i.body.map((b) => fill(b, v)).join('\n')),
          interpretation: { form: i.form, policyId: id, conference: null, chart: i.chart ? { title: i.chart.title, unit: i.chart.unit, rows: i.chart.rows.map(([label, value]) => ({ label, value })) } : null },
        };
        await publishNew(at(Math.max(0, daysAgo - lag) + 1, editor), at(Math.max(0, daysAgo - lag) + 0.5, reviewer), at(Math.max(0, daysAgo - lag), editor), orgId, 'INTERPRETATION', ic, `${key2}:interp`, null);
        count++;
      }
    }
    // The life of a catalogue, shown once per bureau: a revision, a repeal, a partial invalidity, a withdrawal, a scheduled item.
    const revise = async (docKey: string, daysAgo: number, change: (c: DocContentInput) => DocContentInput, note: string) => {
      const id = ids.get(docKey);
      if (!id) return;
      await act(at(daysAgo + 2, editor), id, 'revise', {});
      const d1 = await getDocument(at(daysAgo + 2, editor), id);
      await saveDocument(at(daysAgo + 2, editor), id, { baseRevisionId: d1.revisionId, content: change(d1.content), changeNote: note });
      await act(at(daysAgo + 2, editor), id, 'submit', {});
      await act(at(daysAgo + 1, reviewer), id, 'approve', {});
      await act(at(daysAgo, editor), id, 'publish', {});
    };
    const y1 = thisYear - 1;
    await revise(`${key}:service-guide:${y1}`, 40, (c) => ({ ...c, bodyHtml: (c.bodyHtml ?? '').replace('三、办理时限：20个工作日。', '三、办理时限：15个工作日（承诺时限）。') }), '办理时限由20个工作日调整为15个工作日承诺时限。');
    await revise(`${key}:credit:${y1}`, 20, (c) => ({ ...c, repealDate: shanghaiDate(new Date(now - 20 * 86_400_000)) }), '本办法已废止，由新修订的信用监管办法替代。');
    await revise(`${key}:penalty-discretion:${y1}`, 15, (c) => ({ ...c, validityOverride: { validity: 'PARTIALLY_INVALID', reason: '第三章部分条款与新修订的处罚程序规定不一致，相应条款停止执行。' } }), '第三章部分条款失效。');
    const wd = ids.get(`${key}:hearing-notice:${y1}`);
    if (wd) await act(at(10, editor), wd, 'withdraw', { reason: '征求意见稿内容需要进一步修改，征求意见另行公告。' });
    // Scheduled for the coming week: the scheduler publishes it then, also after a restart.
    const scheduled = await createDocument(at(1, editor), orgId, {
      kind: 'DOCUMENT',
      sourceKey: `${key}:scheduled`,
      content: {
        title: `${org.name}关于${thisYear}年春节期间办事大厅服务时间安排的通知`,
        summary: '公布春节期间办事大厅服务时间和网上办理渠道。',
        generatedDate: shanghaiDate(new Date(now - 86_400_000)),
        formedOn: shanghaiDate(new Date(now - 86_400_000)),
        topic: '02.01',
        genre: '通知',
        writtenDate: shanghaiDate(new Date(now - 86_400_000)),
        catalogNodeId: nodes.get('工作动态')!,
        fiveOpen: 'SERVICE',
        disclosureAttribute: 'PROACTIVE',
        bodyHtml: paragraphs('春节期间办事大厅暂停现场服务，烟草专卖零售许可证业务可通过政务服务网在线办理。\n节后第一个工作日起恢复正常服务。'),
      },
    });
    await act(at(1, editor), scheduled.id, 'submit', {});
    await act(at(0.5, reviewer), scheduled.id, 'approve', {});
    await act({ ...ctx, actor: editor }, scheduled.id, 'schedule', { at: new Date(now + 5 * 86_400_000).toISOString() });
    count++;
    if (key === 'zhejiang') {
      await seedReviewDemo(ctx, at, orgId, editor, reviewer, admin, nodes.get('行政许可') ?? nodes.get('工作动态')!);
      count++;
    }
  }
  return count;
}

/**
 * 公开审查 for the demo (issue 4): the Zhejiang bureau reviews 公告 and 通知 in two steps, and a
 * 公示送达 notice carrying an applicant's ID number, phone and address waits at the 保密审查 step,
 * with the same data in its Word attachment: the reviewer's screen shows what will be masked.
 */
async function seedReviewDemo(ctx: Ctx, at: (daysAgo: number, actor: Actor) => Ctx, orgId: string, editor: Actor, reviewer: Actor, admin: Actor, nodeId: string) {
  const { isDefault: _d, guideReviewedAt: _g, ...current } = await settingsOf(ctx, orgId);
  await putSettings(at(3, admin), orgId, {
    ...current,
    guide: current.guide!,
    approvalChains: [
      { name: '公告、通知类', appliesTo: ['公告', '通知', '通告'], profile: 'default', steps: [{ name: '科室负责人', userIds: [], secrecy: false }, { name: '办公室（保密审查）', userIds: [], secrecy: true }] },
    ],
  });
  const day = shanghaiDate(new Date(Date.now() - 2 * 86_400_000));
  const applicant = ['申请人：周建华，身份证号码：330106198503121231，联系电话：13957123456，', '住址：杭州市西湖区文三路478号华星科技大厦2幢1203室。'];
  const body = [
    '周建华：',
    '你于本年度提出的卷烟零售许可证新办申请，经审查不符合合理布局规定，本局已依法作出不予行政许可决定。因无法直接送达，现依法公告送达。',
    applicant.join(''),
    '自公告之日起满30日视为送达。请于公告期满前到杭州市西湖区烟草专卖局政务服务窗口领取《不予行政许可决定书》，咨询电话：12313。',
  ];
  const d = await createDocument(at(2, editor), orgId, {
    kind: 'DOCUMENT',
    sourceKey: 'zhejiang:review-demo',
    content: {
      title: '关于向周建华公告送达《不予行政许可决定书》的公告',
      summary: '因无法直接送达，依法公告送达不予行政许可决定书。',
      docNumber: '浙烟专许〔2026〕3号',
      generatedDate: day,
      formedOn: day,
      writtenDate: day,
      topic: '07.02',
      genre: '公告',
      catalogNodeId: nodeId,
      fiveOpen: 'RESULT',
      disclosureAttribute: 'PROACTIVE',
      bodyHtml: paragraphs(body.join('\n')),
    },
  });
  const f = await addFile(at(2, editor), d.id, { fileName: '不予行政许可决定书.docx', content: await docxOf(['不予行政许可决定书', ...applicant, '经审查，你申请的经营场所与最近的卷烟零售点距离不符合本市合理布局规定，依法作出不予行政许可的决定。', '如不服本决定，可以自收到本决定书之日起六十日内申请行政复议，或者在六个月内提起行政诉讼。']) });
  const draft = await getDocument(at(2, editor), d.id);
  await saveDocument(at(2, editor), d.id, { baseRevisionId: draft.revisionId, content: { ...draft.content, attachmentIds: [f.id] } });
  await act(at(2, editor), d.id, 'submit', {});
  await act(at(1, reviewer), d.id, 'approve', { comment: '请办公室审查去标识化' });
}

async function publishNew(draftCtx: Ctx, reviewCtx: Ctx, publishCtx: Ctx, orgId: string, kind: 'DOCUMENT' | 'INTERPRETATION', content: DocContentInput, sourceKey: string, file: { name: string; content: Buffer } | null) {
  const d = await createDocument(draftCtx, orgId, { kind, content, sourceKey });
  if (file) {
    const f = await addFile(draftCtx, d.id, { fileName: file.name, content: file.content });
    const [rev] = await draftCtx.db.select({ id: documentRevisions.id }).from(documentRevisions).where(eq(documentRevisions.documentId, d.id));
    await saveDocument(draftCtx, d.id, { baseRevisionId: rev.id, content: { ...content, attachmentIds: [f.id] } });
  }
  await act(draftCtx, d.id, 'submit', {});
  await act(reviewCtx, d.id, 'approve', {});
  await act(publishCtx, d.id, 'publish', {});
  return d.id;
}
