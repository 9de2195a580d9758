import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpCode, verifyTotp, enrolmentFor } from './totp.js';

describe('verifyTotp', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-03-02T02:00:10Z');
  it('accepts the current code and a code one step either side', () => {
    expect(verifyTotp(secret, totpCode(secret, now), now, null)).not.toBeNull();
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now, null)).not.toBeNull();
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now, null)).not.toBeNull();
  });
  it('refuses drift beyond one step', () => {
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 90_000)), now, null)).toBeNull();
  });
  it('refuses a code whose step was already used (no replay)', () => {
    const step = verifyTotp(secret, totpCode(secret, now), now, null)!;
    expect(verifyTotp(secret, totpCode(secret, now), now, step)).toBeNull();
  });
  it('refuses malformed codes', () => {
    expect(verifyTotp(secret, '12345', now, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now, null)).toBeNull();
  });
  it('gives an otpauth URI and a QR image', async () => {
    const e = await enrolmentFor(secret, 'zhejiang.editor');
    expect(e.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*zhejiang.editor\?.*secret=/);
    expect(e.qrDataUrl).toMatch(/^data:image\/png;base64,/);
  });
});
