import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Config } from '../config/config.js';
import { deriveSm4Keys, type Sm4Keys } from './sm.js';

export interface KeyRing {
  sm4: Sm4Keys;
  /** HMAC-SM3 key protecting role grants (SECURITY ACC-06). */
  integrity: Buffer;
}

/**
 * Keys live outside the database (SECURITY CRY-02): from the environment, or generated once
 * into DATA_DIR/keys with mode 0600. Losing that folder loses the encrypted fields, so the
 * README tells operators to back it up apart from the database.
 */
export function loadKeyRing(cfg: Config): KeyRing {
  const sm4 = cfg.SM4_KEY ? Buffer.from(cfg.SM4_KEY, 'hex') : keyFile(cfg, 'sm4.key', 16);
  const integrity = cfg.INTEGRITY_KEY ? Buffer.from(cfg.INTEGRITY_KEY, 'hex') : keyFile(cfg, 'integrity.key', 32);
  return { sm4: deriveSm4Keys(sm4), integrity };
}

function keyFile(cfg: Config, name: string, bytes: number): Buffer {
  const dir = path.join(cfg.dataDir, 'keys');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, name);
  try {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (hex.length !== bytes * 2) throw new Error(`key file ${file} has the wrong length`);
    return Buffer.from(hex, 'hex');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const key = crypto.randomBytes(bytes);
    fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  }
}
