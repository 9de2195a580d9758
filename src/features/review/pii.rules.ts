/**
 * Finds personal data in Chinese administrative text (issue 4; disclosure-law.md §8), with offsets
 * as JavaScript string indices (UTF-16 code units). Pure: no I/O, the same answer for the same text.
 *
 * Each type has a pattern, a validity check where one exists (GB 11643 check digit, Luhn, mobile
 * prefixes, real birth dates) and context rules: an agency's published contact, a document number,
 * a masked name or an official acting in role is not personal data.
 */
import { ADDRESS_LABELS, AGENCY_CONTEXT, COMPOUND_SURNAMES, NAME_LABELS, NAME_STOP, NOT_NAMES, NUMBER_CONTEXT, OFFICIAL_ROLES, PLATE_PROVINCES, PROVINCE_CODES, SURNAMES } from './pii.data.js';

export const PII_TYPES = ['PERSON_NAME', 'ID_CARD', 'PHONE_MOBILE', 'PHONE_LANDLINE', 'BANK_CARD', 'EMAIL', 'ADDRESS', 'LICENSE_PLATE', 'TOBACCO_LICENSE_NO'] as const;
export type PiiType = (typeof PII_TYPES)[number];

export interface Span {
  start: number;
  end: number;
  type: PiiType;
  text: string;
}

// ---- validity checks -------------------------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** GB 11643: province code, a real birth date, and (18 digits) the MOD 11-2 check character. */
export function validIdCard(s: string): boolean {
  const id = s.toUpperCase();
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return false;
  if (id.length === 15) return /^\d{15}$/.test(id) && realDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  if (y < 1900 || y > 2100 || !realDate(y, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** 18 characters with a province code and a real birth date: an ID number, whatever its check digit. */
export function looksLikeIdCard(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s) || !PROVINCE_CODES.has(s.slice(0, 2))) return false;
  const y = Number(s.slice(6, 10));
  return y >= 1900 && y <= 2100 && realDate(y, Number(s.slice(10, 12)), Number(s.slice(12, 14)));
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

/** Mainland mobile number segments (13x–19x, as allocated by MIIT). */
const MOBILE_PREFIX = /^1(3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])/;

// ---- context ---------------------------------------------------------------------------------

const before = (text: string, at: number, n: number) => text.slice(Math.max(0, at - n), at);
/** The current clause before `at`: back to the last line break or full stop, at most n characters. */
function clauseBefore(text: string, at: number, n = 40): string {
  const s = before(text, at, n);
  const cut = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('。'), s.lastIndexOf('；'));
  return cut >= 0 ? s.slice(cut + 1) : s;
}
const agencyContext = (text: string, at: number) => AGENCY_CONTEXT.test(clauseBefore(text, at, 60));
const numberContext = (text: string, at: number) => NUMBER_CONTEXT.test(before(text, at, 12));

// ---- detectors -------------------------------------------------------------------------------

type Found = Omit<Span, 'text'>;

function* matches(re: RegExp, text: string) {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

const ID_RE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
function idCards(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matches(ID_RE, text)) {
    if (!validIdCard(m[1])) continue;
    if (/统一社会信用代码|信用代码|注册号/.test(before(text, m.index, 14))) continue;
    out.push({ start: m.index, end: m.index + m[1].length, type: 'ID_CARD' });
  }
  return out;
}

// Separators are a space or a dash on the same line, never a line break.
const MOBILE_RE = /(?<![0-9A-Za-z])((?:\+?86[- ]?)?1\d{2}(?:[- ]?\d{4}){2})(?![0-9A-Za-z])/g;
function mobiles(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matches(MOBILE_RE, text)) {
    const digits = m[1].replace(/^\+?86[- ]?/, '').replace(/[- ]/g, '');
    if (digits.length !== 11 || !MOBILE_PREFIX.test(digits)) continue;
    if (numberContext(text, m.index) || agencyContext(text, m.index)) continue;
    out.push({ start: m.index, end: m.index + m[1].length, type: 'PHONE_MOBILE' });
  }
  return out;
}

const LANDLINE_RE = /(?<![0-9A-Za-z])((?:[（(]0\d{2,3}[)）]|0\d{2,3}[- ]?)[2-9]\d{6,7}(?:[-转]\d{1,5})?)(?![0-9A-Za-z])/g;
function landlines(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matches(LANDLINE_RE, text)) {
    const digits = m[1].replace(/[^\d]/g, '');
    if (digits.length < 10 || digits.length > 12 + 5) continue;
    if (numberContext(text, m.index) || agencyContext(text, m.index)) continue;
    out.push({ start: m.index, end: m.index + m[1].length, type: 'PHONE_LANDLINE' });
  }
  return out;
}

const CARD_RE = /(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])/g;
function bankCards(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matches(CARD_RE, text)) {
    const digits = m[1].replace(/[ -]/g, '');
    if (digits.length < 16 || digits.length > 19 || !luhn(digits)) continue;
    if (looksLikeIdCard(digits)) continue; // an ID number (even one mistyped) that happens to pass Luhn
    if (numberContext(text, m.index) && !/(账号|卡号|账户)[:：\s]*$/.test(before(text, m.index, 8))) continue;
    out.push({ start: m.index, end: m.index + m[1].length, type: 'BANK_CARD' });
  }
  return out;
}

const EMAIL_RE = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![A-Za-z0-9])/g;
function emails(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matches(EMAIL_RE, text)) {
    if (/\.gov\.cn$|\.gov$/i.test(m[1]) || agencyContext(text, m.index)) continue;
    out.push({ start: m.index, end: m.index + m[1].length, type: 'EMAIL' });
  }
  return out;
}

const PLATE_RE = new RegExp(`(?<![A-Za-z0-9])([${PLATE_PROVINCES}][A-HJ-NP-Z][·•・\\s]?(?:[DF][A-HJ-NP-Z0-9]\\d{4}|\\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警]))(?![A-Za-z0-9])`, 'g');
function plates(text: string): Found[] {
  return [...matches(PLATE_RE, text)].filter((m) => /\d/.test(m[1])).map((m) => ({ start: m.index, end: m.index + m[1].length, type: 'LICENSE_PLATE' as const }));
}

const LICENCE_RE = /(?<!\d)(\d{12})(?!\d)/g;
function tobaccoLicences(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matches(LICENCE_RE, text)) {
    if (!/(零售许可证|许可证号|许可证编号|证号)[:：\s]*$/.test(before(text, m.index, 14))) continue;
    if (!PROVINCE_CODES.has(m[1].slice(0, 2))) continue;
    // A company's licence is public: its name (有限公司…) stands before the number in the same clause.
    if (/(有限公司|有限责任公司|股份公司|集团|公司)/.test(clauseBefore(text, m.index, 40))) continue;
    out.push({ start: m.index, end: m.index + 12, type: 'TOBACCO_LICENSE_NO' });
  }
  return out;
}

/** Function words end a transliterated name (买买提·艾力在…); its syllables may be any character. */
const TRANSLIT_STOP = /[在的于因将已向对与和及等是为经称被把从由到给说、，。；：:（()）\s\d]/;

/** Reads a name at `at`: a (compound) surname and one or two given-name characters, or a transliterated name with ·. */
function readName(text: string, at: number): string | null {
  const trans = /^[\u4e00-\u9fa5]{2,6}[·•・][\u4e00-\u9fa5]{2,6}/.exec(text.slice(at, at + 14));
  if (trans) {
    const dot = trans[0].search(/[·•・]/);
    let end = dot + 1;
    while (end < trans[0].length && !TRANSLIT_STOP.test(trans[0][end])) end++;
    if (end - dot - 1 >= 2) return trans[0].slice(0, end);
  }
  const two = text.slice(at, at + 2);
  const surnameLen = COMPOUND_SURNAMES.has(two) ? 2 : SURNAMES.has(text[at]) ? 1 : 0;
  if (!surnameLen) return null;
  let end = at + surnameLen;
  while (end < text.length && end - at - surnameLen < 2 && /[\u4e00-\u9fa5]/.test(text[end]) && !NAME_STOP.has(text[end])) end++;
  const given = end - at - surnameLen;
  if (given === 0) return null;
  const name = text.slice(at, end);
  if (/[某×＊*]/.test(name) || NOT_NAMES.has(name) || NOT_NAMES.has(name.slice(0, 2))) return null;
  return name;
}

const LABEL_RE = new RegExp(`(${NAME_LABELS.join('|')})(?:（[^）]{0,8}）)?[:：\\s]*`, 'g');
const OFFICIAL_RE = new RegExp(`(${OFFICIAL_ROLES.join('|')})[:：\\s]*$`);
const HONORIFIC_RE = /先生|女士/g;

/** A whole name: a (compound) surname and one or two given-name characters, nothing masked. */
function isName(s: string): boolean {
  if (!/^[\u4e00-\u9fa5]{2,4}$/.test(s) || /[某]/.test(s)) return false;
  const surname = COMPOUND_SURNAMES.has(s.slice(0, 2)) ? 2 : SURNAMES.has(s[0]) ? 1 : 0;
  return surname > 0 && s.length - surname >= 1 && s.length - surname <= 2;
}

function names(text: string): Found[] {
  const out: Found[] = [];
  const add = (start: number, name: string) => {
    if (/[某×＊*]/.test(text.slice(start, start + name.length + 2))) return; // masked: 张某某, 王**
    if (OFFICIAL_RE.test(before(text, start, 10))) return;
    if (/联系单位|承办单位|承办处室|答复单位/.test(clauseBefore(text, start, 60))) return; // the agency's contact, acting in role
    out.push({ start, end: start + name.length, type: 'PERSON_NAME' });
  };
  for (const m of matches(LABEL_RE, text)) {
    let at = m.index + m[0].length;
    // A label can introduce a list: 申请人：张三、李四
    for (let i = 0; i < 5; i++) {
      const name = readName(text, at);
      if (!name) break;
      if (/^(有限|公司|商行|超市|便利|烟酒|商店|小卖|副食|食杂)/.test(text.slice(at + name.length, at + name.length + 2))) break; // a business name
      add(at, name);
      at += name.length;
      if (text[at] !== '、' && text[at] !== '，' && text[at] !== ',') break;
      if (text[at] === '，' && !SURNAMES.has(text[at + 1] ?? '') && !COMPOUND_SURNAMES.has(text.slice(at + 1, at + 3))) break;
      at++;
    }
  }
  // 张三先生 / 欧阳娜娜女士: the name ends where the honorific begins.
  for (const m of matches(HONORIFIC_RE, text)) {
    const len = [3, 2].find((n) => isName(text.slice(m.index - n, m.index)) && !/[\u4e00-\u9fa5]/.test(text[m.index - n - 1] ?? '') );
    const loose = len ?? [3, 2].find((n) => isName(text.slice(m.index - n, m.index)));
    if (loose) add(m.index - loose, text.slice(m.index - loose, m.index));
  }
  return out;
}

const ADDRESS_LABEL_RE = new RegExp(`(${ADDRESS_LABELS.join('|')})[:：\\s]*`, 'g');
/** A dwelling down to the building or room: 号 followed by 幢/栋/单元/室/楼, or a village group. */
const DWELLING = /(\d+|[一二三四五六七八九十]+)(号楼|幢|栋|单元|室|户)|(\d+号\d+)|[村组]\d*号|村\S{0,6}组/;
const ADDRESS_END = /[，。；;\n）)]|(?:联系|电话|手机|邮编|身份证)/;

function addresses(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matches(ADDRESS_LABEL_RE, text)) {
    if (agencyContext(text, m.index + 1) || /办公|机关|单位/.test(before(text, m.index, 4))) continue;
    const start = m.index + m[0].length;
    const rest = text.slice(start, start + 80);
    const endRel = rest.search(ADDRESS_END);
    const raw = endRel < 0 ? rest : rest.slice(0, endRel);
    // The address ends with its last dwelling unit (…501室, …12组3号); what follows is running text.
    const units = [...raw.matchAll(/\d+(?:室|号楼|单元|幢|栋|组\d*号?|号)/g)];
    if (units.length === 0) continue;
    const last = units[units.length - 1];
    const addr = raw.slice(0, last.index! + last[0].length);
    if (addr.length < 6 || !DWELLING.test(addr)) continue;
    out.push({ start, end: start + addr.length, type: 'ADDRESS' });
  }
  return out;
}

// ---- assembly --------------------------------------------------------------------------------

/** Priority when spans overlap: the more specific, validated type wins. */
const PRIORITY: PiiType[] = ['ID_CARD', 'BANK_CARD', 'TOBACCO_LICENSE_NO', 'PHONE_MOBILE', 'PHONE_LANDLINE', 'EMAIL', 'LICENSE_PLATE', 'ADDRESS', 'PERSON_NAME'];

/** Finds the personal data in `text`, sorted by position, without overlaps. */
export function detectPii(text: string): Span[] {
  const all = [...idCards(text), ...bankCards(text), ...tobaccoLicences(text), ...mobiles(text), ...landlines(text), ...emails(text), ...plates(text), ...addresses(text), ...names(text)];
  all.sort((a, b) => PRIORITY.indexOf(a.type) - PRIORITY.indexOf(b.type) || a.start - b.start);
  const kept: Found[] = [];
  for (const f of all) {
    if (kept.some((k) => f.start < k.end && k.start < f.end && !(k.type === 'ADDRESS' && f.type !== 'ADDRESS'))) continue;
    kept.push(f);
  }
  // An address may contain nothing else; other spans inside an address are dropped in its favour.
  const result = kept.filter((f) => f.type === 'ADDRESS' || !kept.some((k) => k.type === 'ADDRESS' && f.start >= k.start && f.end <= k.end));
  return result.sort((a, b) => a.start - b.start).map((f) => ({ ...f, text: text.slice(f.start, f.end) }));
}
