import { hash, verify } from '@node-rs/argon2';
import { randomToken } from '../crypto/sm.js';

// argon2id with the OWASP-recommended floor (m=19 MiB, t=2, p=1); parameters live in the PHC string.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** Verified against for unknown user names, so their answer takes as long as a wrong password. */
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword(randomToken(16));
  await verifyPassword(await dummy, password);
}

/** A one-time password an administrator hands over; the user must change it at first sign-in. */
export function oneTimePassword(): string {
  // 16 characters from an alphabet without look-alikes (0/O, 1/l/I): about 90 bits.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = Buffer.from(randomToken(32), 'base64url');
  let out = '';
  for (const b of bytes) {
    if (b >= alphabet.length * 4) continue; // rejection sampling keeps it uniform
    out += alphabet[b % alphabet.length];
    if (out.length === 16) break;
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}
