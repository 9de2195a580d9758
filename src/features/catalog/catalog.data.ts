/**
 * The catalogue's vocabularies, as shared/domain/catalog-and-key-areas.md gives them: the national
 * 主题分类 (§4), the 15 公文种类 (§5, 党政机关公文处理工作条例 Art 8), 有效性 (§6, UNCONFIRMED
 * nationally: the recommended enum), 五公开 and 公开属性 (§7), and the forms of 政策解读 (§9).
 */

/** 主题分类: 22 first-level categories of the 中国政府网 policy library, each with its second level (§4). */
export const TOPICS: { name: string; children: string[] }[] = [
  { name: '国务院组织机构', children: ['国务院', '国务院办公厅', '国务院组成部门', '国务院直属特设机构', '国务院直属机构', '国务院办事机构', '国务院直属事业单位', '国务院部委管理的国家局', '国务院议事协调机构', '其他'] },
  { name: '综合政务', children: ['政务公开', '政务督查', '应急管理', '电子政务', '文秘工作', '保密工作', '信访', '参事、文史', '其他'] },
  { name: '国民经济管理、国有资产监管', children: ['宏观经济', '经济体制改革', '统计', '物价', '国有资产监管', '重大建设项目', '其他'] },
  { name: '财政、金融、审计', children: ['财政', '税务', '银行', '货币（含外汇）', '证券', '保险', '社会信用体系建设', '审计', '其他'] },
  { name: '国土资源、能源', children: ['土地', '矿产', '水资源', '海洋', '煤炭', '石油与天然气', '电力', '其他'] },
  { name: '农业、林业、水利', children: ['农业、畜牧业、渔业', '林业', '水利', '其他'] },
  { name: '工业、交通', children: ['机械制造与重工业', '轻工纺织', '化工', '国防工业', '航天、航空', '信息产业（含电信）', '公路', '水运', '铁路', '民航', '邮政', '其他'] },
  { name: '商贸、海关、旅游', children: ['对外经贸合作', '国内贸易（含供销）', '海关', '检验、检疫', '旅游', '其他'] },
  { name: '市场监管、安全生产监管', children: ['工商', '质量监督', '标准', '食品药品监管', '安全生产监管', '其他'] },
  { name: '城乡建设、环境保护', children: ['城市规划', '城乡建设（含住房）', '环境监测、保护与治理', '节能与资源综合利用', '气象、水文、测绘、地震', '其他'] },
  { name: '科技、教育', children: ['科技', '教育', '知识产权', '其他'] },
  { name: '文化、广电、新闻出版', children: ['文化', '文物', '新闻出版', '广播、电影、电视', '其他'] },
  { name: '卫生、体育', children: ['卫生', '医药管理', '体育', '其他'] },
  { name: '人口与计划生育、妇女儿童工作', children: ['人口与计划生育', '妇女儿童', '其他'] },
  { name: '劳动、人事、监察', children: ['劳动就业', '社会保障', '人事工作', '军转安置', '监察', '纠正行业不正之风', '其他'] },
  { name: '公安、安全、司法', children: ['公安', '国家安全', '司法', '其他'] },
  { name: '民政、扶贫、救灾', children: ['减灾救灾', '优抚安置', '社会福利', '行政区划与地名', '社团管理', '扶贫', '其他'] },
  { name: '民族、宗教', children: ['民族事务', '宗教事务'] },
  { name: '对外事务', children: ['外交、外事', '国际条约、国际组织', '其他'] },
  { name: '港澳台侨工作', children: ['港澳工作', '对台工作', '侨务工作'] },
  { name: '国防', children: ['国防建设', '国防动员'] },
  { name: '其他', children: [] },
];

/**
 * A topic as stored: two-digit codes of the first and second level ("07.02" = 工业、交通\轻工纺织),
 * stable because the list above only ever grows at the end of each level.
 */
export const topicCode = (first: number, second?: number) => `${String(first + 1).padStart(2, '0')}${second === undefined ? '' : `.${String(second + 1).padStart(2, '0')}`}`;

export const TOPIC_LABELS: Record<string, string> = Object.fromEntries(
  TOPICS.flatMap((t, i) => [[topicCode(i), t.name] as const, ...t.children.map((c, j) => [topicCode(i, j), `${t.name}\\${c}`] as const)]),
);

/** The 15 statutory 公文种类, in the order of the regulation (§5). */
export const GENRES = ['决议', '决定', '命令（令）', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'] as const;
export type Genre = (typeof GENRES)[number];

/** Catalogue items that are not 公文 carry a content type instead of a 公文种类 (§5). */
export const CONTENT_TYPES = {
  INTERPRETATION: '政策解读',
  PRESS_RELEASE: '新闻发布',
  SOLICITATION: '征集公告',
  STATISTICS: '统计数据',
  ANNUAL_REPORT: '年度报告',
  PLAN: '规划计划',
  NOTICE: '工作动态',
  OTHER: '其他',
} as const;
export type ContentType = keyof typeof CONTENT_TYPES;

/** 有效性: the recommended enum (§6; no national enumeration is known — UNCONFIRMED). */
export const VALIDITY = {
  NOT_YET_EFFECTIVE: '尚未生效',
  EFFECTIVE: '有效',
  AMENDED: '已修改',
  PARTIALLY_INVALID: '部分失效',
  EXPIRED: '失效',
  REPEALED: '废止',
} as const;
export type Validity = keyof typeof VALIDITY;

/** 五公开 (§7). */
export const FIVE_OPEN = { DECISION: '决策公开', EXECUTION: '执行公开', MANAGEMENT: '管理公开', SERVICE: '服务公开', RESULT: '结果公开' } as const;
export type FiveOpen = keyof typeof FIVE_OPEN;

/** 公开属性, set when a document is drafted (§7, 实施细则 §一(一)); 不予公开 needs a legal reason. */
export const DISCLOSURE_ATTRIBUTES = { PROACTIVE: '主动公开', ON_REQUEST: '依申请公开', NOT_DISCLOSED: '不予公开' } as const;
export type DisclosureAttribute = keyof typeof DISCLOSURE_ATTRIBUTES;

/** Forms of 政策解读 (§9). */
export const INTERPRETATION_FORMS = {
  TEXT: '文字解读',
  PRESS_CONFERENCE: '新闻发布会',
  BRIEFING: '吹风会',
  LEADER: '负责人解读',
  EXPERT: '专家解读',
  GRAPHIC: '图示图解',
  VIDEO: '视频解读',
  DATA: '数据解读',
} as const;
export type InterpretationForm = keyof typeof INTERPRETATION_FORMS;
