import type { ReactNode } from 'react';

export const PII_LABELS: Record<string, string> = {
  PERSON_NAME: '姓名', ID_CARD: '身份证号', PHONE_MOBILE: '手机号', PHONE_LANDLINE: '固定电话', BANK_CARD: '银行卡号',
  EMAIL: '电子邮箱', ADDRESS: '住址', LICENSE_PLATE: '车牌号', TOBACCO_LICENSE_NO: '零售许可证号',
};

export interface Mark {
  start: number;
  end: number;
  label: string;
  tone: 'pii' | 'wording' | 'confidential';
}

/** The text with each finding marked; the marks carry their meaning in words, not only in colour. */
export function Highlighted({ text, marks }: { text: string; marks: Mark[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [i, m] of [...marks].sort((a, b) => a.start - b.start).entries()) {
    if (m.start < at) continue;
    parts.push(text.slice(at, m.start));
    parts.push(
      <mark key={i} className={`finding finding-${m.tone}`} title={m.label}>
        {text.slice(m.start, m.end)}
        <span className="finding-label">〔{m.label}〕</span>
      </mark>,
    );
    at = m.end;
  }
  parts.push(text.slice(at));
  return <div className="review-text">{parts}</div>;
}

