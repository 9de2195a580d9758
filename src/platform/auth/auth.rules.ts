import { type Verdict, allow, refuse } from '../errors/errors.js';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/**
 * A small list of passwords and words that attackers try first (SECURITY AUTH-04). Compared
 * case-insensitively, both whole and as the core of the password with digits and symbols stripped.
 */
const COMMON = new Set(
  `123456 1234567 12345678 123456789 1234567890 12345678910 0123456789 9876543210 111111 1111111111 000000 0000000000
  88888888 8888888888 66666666 6666666666 11223344 12341234 123123 123123123 123321 147258369 159357 5201314 52013145201314
  password password1 password123 passw0rd p@ssw0rd p@ssword qwerty qwertyuiop qwerty123 qweasdzxc 1qaz2wsx 1q2w3e4r 1q2w3e4r5t
  abc123 abc123456 abcd1234 abcdefg abcdefgh a1b2c3d4 aa123456 admin admin123 admin@123 administrator root root123 test test123
  welcome welcome1 letmein iloveyou monkey dragon sunshine princess football baseball superman trustno1 changeme default
  woaini woaini1314 zhangwei wangwei liuyang zhongguo china beijing shanghai guangzhou shenzhen
  gongkai zhengwu zhengfu xinxigongkai yancao yancaoju zhuanmai tobacco government gov.cn
  zaq12wsx asdfghjkl zxcvbnm asdf1234 q1w2e3r4 aaaaaa a123456 a12345678 qq123456 woshishui`.split(/\s+/).filter(Boolean),
);

/** Password rules: length 10–128 (no truncation), not containing the user name, not a common one. */
export function checkPassword(password: string, username: string): Verdict {
  const chars = graphemes(password);
  if (chars < PASSWORD_MIN) return refuse(`密码至少需要 ${PASSWORD_MIN} 个字符。`);
  if (chars > PASSWORD_MAX) return refuse(`密码不能超过 ${PASSWORD_MAX} 个字符。`);
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return refuse('密码不能包含用户名。');
  const core = lower.replace(/[^a-z\p{Script=Han}]/gu, '');
  if (COMMON.has(lower) || (core.length >= 4 && COMMON.has(core)) || COMMON.has(lower.replace(/[^a-z0-9]/g, '')))
    return refuse('该密码过于常见，容易被猜中，请换一个。');
  if (new Set([...password]).size <= 2) return refuse('密码不能由一两个字符重复组成。');
  if (isSequence(lower)) return refuse('密码不能是连续的数字或字母。');
  return allow;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });
/** Characters as a person counts them: an emoji with modifiers or a letter with accents is one. */
const graphemes = (s: string) => [...segmenter.segment(s)].length;

function isSequence(s: string): boolean {
  if (s.length < 6) return false;
  const codes = [...s].map((c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}

export type SessionStage = 'mfa' | 'change_password' | 'enrol' | 'full';

export interface StageInput {
  totpEnrolled: boolean;
  /** The second factor was verified in this sign-in. */
  mfaPassed: boolean;
  mustChangePassword: boolean;
  /** Any organisation the user holds a role in requires a second factor. */
  mfaRequired: boolean;
}

/**
 * What a signed-in user must do next. Order: the second factor if enrolled; then a forced
 * password change (one-time passwords from an administrator); then enrolment when an
 * organisation requires it. Only `full` reaches staff routes (SECURITY AUTH-01, AUTH-06).
 */
export function nextStage(s: StageInput): SessionStage {
  if (s.totpEnrolled && !s.mfaPassed) return 'mfa';
  if (s.mustChangePassword) return 'change_password';
  if (s.mfaRequired && !s.totpEnrolled) return 'enrol';
  return 'full';
}

/** Lockout after repeated failures (SECURITY AUTH-02): returns the new counters. */
export function afterFailedLogin(failed: number, now: Date): { failedLogins: number; lockedUntil: Date | null } {
  const n = failed + 1;
  return n >= MAX_FAILED_LOGINS
    ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) }
    : { failedLogins: n, lockedUntil: null };
}

export const isLocked = (lockedUntil: Date | null, now: Date) => lockedUntil !== null && lockedUntil.getTime() > now.getTime();

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** A session is live while it is younger than its absolute limit and was used within the idle limit. */
export function sessionLive(s: SessionTimes, now: Date, idleMinutes: number): boolean {
  return now.getTime() < s.expiresAt.getTime() && now.getTime() - s.lastSeenAt.getTime() <= idleMinutes * 60_000;
}
