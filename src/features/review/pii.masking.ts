import type { PiiType, Span } from './pii.rules.js';
import { COMPOUND_SURNAMES } from './pii.data.js';

/**
 * How each type is masked. A profile is chosen per content type and recorded with the published
 * edition, so the published text can always be explained (issue 4 item 3).
 */
export type Rule = 'surname' | 'full' | 'keep6last4' | 'keep3last4' | 'last4' | 'district' | 'remove' | 'domain' | 'region';

export interface MaskingProfile {
  key: string;
  label: string;
  /** Where the rule rests on a provincial model or common practice rather than a national rule. */
  note: string;
  rules: Record<PiiType, Rule>;
}

export const PROFILES: Record<string, MaskingProfile> = {
  default: {
    key: 'default',
    label: '通用（答复、留言回复等）',
    note: '姓名保留姓氏（“某”替代名字），证件号保留前 6 位和后 4 位，电话保留前 3 位和后 4 位，地址保留至区县。',
    rules: {
      PERSON_NAME: 'surname',
      ID_CARD: 'keep6last4',
      PHONE_MOBILE: 'keep3last4',
      PHONE_LANDLINE: 'keep3last4',
      BANK_CARD: 'last4',
      EMAIL: 'domain',
      ADDRESS: 'district',
      LICENSE_PLATE: 'region',
      TOBACCO_LICENSE_NO: 'keep6last4',
    },
  },
  penalty_decision_v1: {
    key: 'penalty_decision_v1',
    label: '行政处罚决定书（PENALTY_DECISION_V1）',
    note: '依浙江省行政处罚结果信息网上公开暂行办法（省级规则，作为默认模板）：删除身份证号、联系方式、银行账户和住址门牌；当事人姓名保留姓氏（法院式隐名，国家层面依据待确认，可按类别调整）。',
    rules: {
      PERSON_NAME: 'surname',
      ID_CARD: 'remove',
      PHONE_MOBILE: 'remove',
      PHONE_LANDLINE: 'remove',
      BANK_CARD: 'remove',
      EMAIL: 'remove',
      ADDRESS: 'district',
      LICENSE_PLATE: 'region',
      TOBACCO_LICENSE_NO: 'keep6last4',
    },
  },
};

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/** Cuts a Chinese address after its district or county (…区 / …县 / …市 when no district follows). */
function toDistrict(addr: string): string {
  const m = /^(.*?(?:省|自治区))?(.*?(?:市|自治州|盟|地区))?(.*?(?:区|县|旗|市))?/.exec(addr);
  const kept = m?.[0] ?? '';
  return kept && kept.length < addr.length ? `${kept}****` : '****';
}

export function maskValue(text: string, rule: Rule): string {
  switch (rule) {
    case 'remove':
      return '[已删除]';
    case 'full':
      return stars([...text].length);
    case 'surname': {
      if (text.includes('·')) return `${text.split('·')[0].slice(0, 1)}某`;
      const surname = COMPOUND_SURNAMES.has(text.slice(0, 2)) ? text.slice(0, 2) : text.slice(0, 1);
      return surname + (text.length - surname.length > 1 ? '某某' : '某');
    }
    case 'keep6last4':
      return text.length > 10 ? text.slice(0, 6) + stars(text.length - 10) + text.slice(-4) : stars(text.length);
    case 'keep3last4': {
      const digits = text.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
      return digits.length >= 8 ? digits.slice(0, 3) + stars(digits.length - 7) + digits.slice(-4) : stars(digits.length);
    }
    case 'last4': {
      const digits = text.replace(/\D/g, '');
      return stars(digits.length - 4) + digits.slice(-4);
    }
    case 'domain':
      return `***${text.slice(text.indexOf('@'))}`;
    case 'district':
      return toDistrict(text);
    case 'region':
      return `${text.slice(0, 2)}*****`;
  }
}

/** Applies a profile: every span replaced by its masked form, the rest of the text unchanged. */
export function maskText(text: string, spans: Span[], profile: MaskingProfile = PROFILES.default): string {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, s.start) + maskValue(s.text, profile.rules[s.type]);
    at = s.end;
  }
  return out + text.slice(at);
}
