import crypto from 'node:crypto';

/**
 * 商用密码 primitives from node:crypto (OpenSSL 3). SM4-GCM is absent from OpenSSL 3.0, so
 * personal data at rest uses SM4-CTR with an HMAC-SM3 tag over version, IV and ciphertext
 * (encrypt-then-MAC, GB/T 39786 8.4 e). See docs/adr/0005-cryptography.md.
 */
export function sm3Hex(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

export function hmacSm3Hex(key: Buffer, data: string | Buffer): string {
  return crypto.createHmac('sm3', key).update(data).digest('hex');
}

/** Constant-time comparison of two hex strings. */
export function safeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ab.length === bb.length && ab.length > 0 && crypto.timingSafeEqual(ab, bb);
}

/** Constant-time comparison of two strings (tokens). */
export function safeEqualText(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && ab.length > 0 && crypto.timingSafeEqual(ab, bb);
}

const VERSION = 'v1';

export interface Sm4Keys {
  enc: Buffer; // 16 bytes
  mac: Buffer; // 32 bytes
}

/** Derives independent encryption and MAC keys from one 128-bit master key. */
export function deriveSm4Keys(master: Buffer): Sm4Keys {
  if (master.length !== 16) throw new Error('SM4 master key must be 16 bytes');
  const enc = crypto.createHmac('sm3', master).update('gongkai/sm4/enc').digest().subarray(0, 16);
  const mac = crypto.createHmac('sm3', master).update('gongkai/sm4/mac').digest();
  return { enc, mac };
}

/** Encrypts UTF-8 text. Output: `v1.<iv b64url>.<ciphertext b64url>.<tag b64url>`. */
export function sm4Seal(keys: Sm4Keys, plaintext: string): string {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('sm4-ctr', keys.enc, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = crypto.createHmac('sm3', keys.mac).update(VERSION).update(iv).update(ct).digest();
  return [VERSION, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join('.');
}

/** Decrypts what `sm4Seal` produced; a changed byte anywhere is refused before decryption. */
export function sm4Open(keys: Sm4Keys, sealed: string): string {
  const [version, ivB, ctB, tagB] = sealed.split('.');
  if (version !== VERSION || !ivB || ctB === undefined || !tagB) throw new Error('sealed value has an unknown format');
  const iv = Buffer.from(ivB, 'base64url');
  const ct = Buffer.from(ctB, 'base64url');
  const tag = Buffer.from(tagB, 'base64url');
  const expected = crypto.createHmac('sm3', keys.mac).update(VERSION).update(iv).update(ct).digest();
  if (tag.length !== expected.length || !crypto.timingSafeEqual(tag, expected)) throw new Error('sealed value failed its integrity check');
  const decipher = crypto.createDecipheriv('sm4-ctr', keys.enc, iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

/** A random token of `bytes` bytes (≥ 16, SECURITY CRY-05), base64url. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(Math.max(16, bytes)).toString('base64url');
}
