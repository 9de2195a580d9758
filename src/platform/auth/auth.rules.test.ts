import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterFailedLogin, checkPassword, isLocked, nextStage, sessionLive, MAX_FAILED_LOGINS } from './auth.rules.js';

describe('checkPassword', () => {
  it.each([
    ['short', 'Ab1-xyz', '至少需要 10 个字符'],
    ['contains the user name', 'zhangsan-Secret-2026', '不能包含用户名'],
    ['common', 'password123', '过于常见'],
    ['common with a suffix', 'Password123!', '过于常见'],
    ['a site word with digits', 'gongkai2026!!', '过于常见'],
    ['one repeated character', 'aaaaaaaaaaaa', '重复'],
    ['a sequence', '1234567890', '过于常见'],
    ['an alphabet run', 'abcdefghijk', '连续'],
    ['too long', 'x'.repeat(129) + 'Y1', '不能超过'],
  ])('refuses a password that is %s', (_, pw, reason) => {
    const v = checkPassword(pw, 'zhangsan');
    expect(v.ok).toBe(false);
    expect(v.ok ? '' : v.reason).toContain(reason);
  });

  it.each(['Tobacco-Open-Gov-2026', '公开透明依法行政2026年', 'correct horse battery staple', 'Ürümqi·乌鲁木齐-11'])('accepts %s', (pw) => {
    expect(checkPassword(pw, 'zhangsan')).toEqual({ ok: true });
  });

  it('counts characters, not bytes: ten Chinese characters are enough', () => {
    expect(checkPassword('政务公开信息透明法治', 'zhangsan').ok).toBe(true);
    expect(checkPassword('政务公开信息透明法', 'zhangsan').ok).toBe(false);
  });

  it('never accepts a password shorter than 10 characters, whatever it is', () => {
    fc.assert(fc.property(fc.string({ maxLength: 9, unit: 'grapheme' }), (pw) => !checkPassword(pw, 'someone').ok));
  });
});

describe('nextStage', () => {
  const base = { totpEnrolled: false, mfaPassed: false, mustChangePassword: false, mfaRequired: false };
  it.each([
    [{}, 'full'],
    [{ totpEnrolled: true }, 'mfa'],
    [{ totpEnrolled: true, mfaPassed: true }, 'full'],
    [{ totpEnrolled: true, mustChangePassword: true }, 'mfa'],
    [{ totpEnrolled: true, mfaPassed: true, mustChangePassword: true }, 'change_password'],
    [{ mustChangePassword: true, mfaRequired: true }, 'change_password'],
    [{ mfaRequired: true }, 'enrol'],
    [{ mfaRequired: true, totpEnrolled: true, mfaPassed: true }, 'full'],
  ])('%o → %s', (s, stage) => {
    expect(nextStage({ ...base, ...s })).toBe(stage);
  });

  it('never reaches full while an organisation requires a second factor that was not passed', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (enrolled, passed, change) => {
        const stage = nextStage({ totpEnrolled: enrolled, mfaPassed: passed && enrolled, mustChangePassword: change, mfaRequired: true });
        return stage !== 'full' || (enrolled && passed);
      }),
    );
  });
});

describe('afterFailedLogin', () => {
  const now = new Date('2026-03-02T02:00:00Z');
  it(`locks for 15 minutes at the ${MAX_FAILED_LOGINS}th failure and not before`, () => {
    let failed = 0;
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      const r = afterFailedLogin(failed, now);
      expect(r.lockedUntil).toBeNull();
      failed = r.failedLogins;
    }
    const r = afterFailedLogin(failed, now);
    expect(r.lockedUntil?.toISOString()).toBe('2026-03-02T02:15:00.000Z');
    expect(isLocked(r.lockedUntil, new Date('2026-03-02T02:14:59Z'))).toBe(true);
    expect(isLocked(r.lockedUntil, new Date('2026-03-02T02:15:00Z'))).toBe(false);
  });
});

describe('sessionLive', () => {
  const t0 = new Date('2026-03-02T02:00:00Z');
  const s = { createdAt: t0, lastSeenAt: t0, expiresAt: new Date(t0.getTime() + 12 * 3600_000) };
  const at = (min: number, sec = 0) => new Date(t0.getTime() + min * 60_000 + sec * 1000);
  it('is live at 29:59 idle and dead at 30:01 (SECURITY SESS-02)', () => {
    expect(sessionLive(s, at(29, 59), 30)).toBe(true);
    expect(sessionLive(s, at(30, 1), 30)).toBe(false);
  });
  it('ends at the absolute limit even when used a second ago', () => {
    expect(sessionLive({ ...s, lastSeenAt: at(719, 59) }, at(720), 30)).toBe(false);
    expect(sessionLive({ ...s, lastSeenAt: at(719, 0) }, at(719, 59), 30)).toBe(true);
  });
});
