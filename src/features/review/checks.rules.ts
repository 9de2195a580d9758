/**
 * The other automated checks of 公开审查 (issue 4 items 6–7): 错敏词 (wrong institution names,
 * outdated formulations, typos, banned words, each with a suggested correction) and confidentiality
 * markers (涉密不上网、上网不涉密). Pure: dictionaries come in as arguments.
 */
export type WordingKind = 'serious' | 'outdated' | 'typo' | 'banned';

export interface WordingEntry {
  term: string;
  kind: WordingKind;
  suggestion: string;
  note: string;
}

export interface Finding {
  start: number;
  end: number;
  text: string;
  category: 'wording' | 'confidential';
  kind: string;
  suggestion: string;
  note: string;
  /** Confidentiality findings block publication until a reviewer overrides with a reason. */
  blocking: boolean;
}

/**
 * The national default list. Institution names changed in the 2018 State Council reform
 * (第十三届全国人大第一次会议批准的国务院机构改革方案); organisations add their own entries.
 */
export const DEFAULT_WORDING: WordingEntry[] = [
  { term: '国家工商行政管理总局', kind: 'outdated', suggestion: '国家市场监督管理总局', note: '2018年机构改革后不再保留' },
  { term: '国家工商总局', kind: 'outdated', suggestion: '国家市场监督管理总局', note: '2018年机构改革后不再保留' },
  { term: '国家质量监督检验检疫总局', kind: 'outdated', suggestion: '国家市场监督管理总局', note: '2018年机构改革后不再保留' },
  { term: '国家质检总局', kind: 'outdated', suggestion: '国家市场监督管理总局', note: '2018年机构改革后不再保留' },
  { term: '国家食品药品监督管理总局', kind: 'outdated', suggestion: '国家市场监督管理总局（或国家药品监督管理局）', note: '2018年机构改革后不再保留' },
  { term: '国务院法制办公室', kind: 'outdated', suggestion: '司法部', note: '2018年机构改革职责划入司法部' },
  { term: '国务院法制办', kind: 'outdated', suggestion: '司法部', note: '2018年机构改革职责划入司法部' },
  { term: '国家卫生和计划生育委员会', kind: 'outdated', suggestion: '国家卫生健康委员会', note: '2018年机构改革后不再保留' },
  { term: '国家卫生计生委', kind: 'outdated', suggestion: '国家卫生健康委员会', note: '2018年机构改革后不再保留' },
  { term: '环境保护部', kind: 'outdated', suggestion: '生态环境部', note: '2018年机构改革后不再保留' },
  { term: '国土资源部', kind: 'outdated', suggestion: '自然资源部', note: '2018年机构改革后不再保留' },
  { term: '农业部', kind: 'outdated', suggestion: '农业农村部', note: '2018年机构改革后不再保留' },
  { term: '文化部', kind: 'outdated', suggestion: '文化和旅游部', note: '2018年机构改革后不再保留' },
  { term: '国家旅游局', kind: 'outdated', suggestion: '文化和旅游部', note: '2018年机构改革后不再保留' },
  { term: '监察部', kind: 'outdated', suggestion: '国家监察委员会', note: '2018年组建国家监察委员会' },
  { term: '国家安全生产监督管理总局', kind: 'outdated', suggestion: '应急管理部', note: '2018年机构改革后不再保留' },
  { term: '帐号', kind: 'typo', suggestion: '账号', note: '《通用规范汉字表》规范写法' },
  { term: '帐户', kind: 'typo', suggestion: '账户', note: '《通用规范汉字表》规范写法' },
  { term: '按装', kind: 'typo', suggestion: '安装', note: '常见错别字' },
  { term: '既使', kind: 'typo', suggestion: '即使', note: '常见错别字' },
  { term: '迫不急待', kind: 'typo', suggestion: '迫不及待', note: '常见错别字' },
  { term: '再接再励', kind: 'typo', suggestion: '再接再厉', note: '常见错别字' },
  { term: '一愁莫展', kind: 'typo', suggestion: '一筹莫展', note: '常见错别字' },
];

const CLASSIFIED = /(绝密|机密|秘密)\s*★\s*(?:[\d一二三四五六七八九十]+\s*(?:年|个月|月))?|(?:^|[\s（(【\[])(绝密|机密)(?=[\s）)】\]]|$)/gm;
const INTERNAL = /内部资料|内部文件|内部刊物|内部传阅|内部使用|不宜公开|不予公开|注意保存|限国内公开|仅供领导参阅|工作秘密/g;

/** Confidentiality markers: 密级 with ★ and 保密期限, standalone 绝密/机密, and internal-use markers. */
export function confidentialityFindings(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(CLASSIFIED)) {
    const start = m.index! + (m[0].length - m[0].trimStart().replace(/^[（(【[]/, '').length);
    const t = text.slice(start, m.index! + m[0].length);
    out.push({ start, end: start + t.length, text: t, category: 'confidential', kind: 'classified', suggestion: '', note: '密级标志：涉密信息不得上网公开（涉密不上网、上网不涉密）', blocking: true });
  }
  for (const m of text.matchAll(INTERNAL))
    out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], category: 'confidential', kind: 'internal', suggestion: '', note: '内部或不宜公开标识：请确认可以公开后再发布', blocking: true });
  return out;
}

/** Dictionary hits, longest term first so 国家工商行政管理总局 is one finding, not two. */
export function wordingFindings(text: string, dictionary: WordingEntry[]): Finding[] {
  const entries = [...dictionary].sort((a, b) => b.term.length - a.term.length);
  const taken: [number, number][] = [];
  const out: Finding[] = [];
  for (const e of entries) {
    if (!e.term) continue;
    for (let at = text.indexOf(e.term); at >= 0; at = text.indexOf(e.term, at + e.term.length)) {
      const end = at + e.term.length;
      if (taken.some(([s, t]) => at < t && s < end)) continue;
      if (e.term.endsWith('部') && text[end] === '门') continue; // 农业部门, 文化部门: ordinary words, not the old ministries
      taken.push([at, end]);
      out.push({ start: at, end, text: e.term, category: 'wording', kind: e.kind, suggestion: e.suggestion, note: e.note, blocking: false });
    }
  }
  return out;
}

export const checkText = (text: string, dictionary: WordingEntry[]): Finding[] =>
  [...confidentialityFindings(text), ...wordingFindings(text, dictionary)].sort((a, b) => a.start - b.start);
