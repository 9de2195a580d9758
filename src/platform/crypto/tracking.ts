import { hmacSm3Hex, safeEqualHex } from './sm.js';

/**
 * 查询码: 8 characters derived from a record's id with the installation's key, so it is never
 * stored, a repeated submission shows the same one, and it cannot be guessed from the receipt
 * number. The alphabet leaves out characters that are easy to misread (0/O, 1/I/L).
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function trackingCodeFor(key: Buffer, purpose: string, id: string): string {
  const mac = Buffer.from(hmacSm3Hex(key, `${purpose}|${id}`), 'hex');
  return Array.from(mac.subarray(0, 8), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Compares a typed code with the expected one in constant time, ignoring case and spaces. */
export function sameCode(expected: string, typed: string): boolean {
  const t = typed.replace(/\s/g, '').toUpperCase();
  if (t.length !== expected.length) return false;
  return safeEqualHex(Buffer.from(expected).toString('hex'), Buffer.from(t).toString('hex'));
}
