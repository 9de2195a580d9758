import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSm4Keys, hmacSm3Hex, sm3Hex, sm4Open, sm4Seal } from './sm.js';

describe('SM3', () => {
  it('matches the GB/T 32905 test vector for "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('keys HMAC-SM3', () => {
    expect(hmacSm3Hex(Buffer.from('k1'), 'x')).not.toBe(hmacSm3Hex(Buffer.from('k2'), 'x'));
  });
});

describe('SM4', () => {
  it('matches the GB/T 32907 test vector', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const c = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([c.update(key), c.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  const keys = deriveSm4Keys(crypto.randomBytes(16));

  it('round-trips Chinese text and never repeats a ciphertext', () => {
    const a = sm4Seal(keys, '张三 身份证 110101199003074513');
    expect(sm4Open(keys, a)).toBe('张三 身份证 110101199003074513');
    expect(sm4Seal(keys, '张三')).not.toBe(sm4Seal(keys, '张三'));
    expect(a).not.toContain('110101');
  });

  it('refuses a value with any byte changed', () => {
    const sealed = sm4Seal(keys, '联系电话 13800138000');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[2], 'base64url');
    ct[0] ^= 1;
    expect(() => sm4Open(keys, [parts[0], parts[1], ct.toString('base64url'), parts[3]].join('.'))).toThrow(/integrity/);
  });

  it('refuses a value sealed with another key', () => {
    expect(() => sm4Open(deriveSm4Keys(crypto.randomBytes(16)), sm4Seal(keys, 'x'))).toThrow();
  });
});
