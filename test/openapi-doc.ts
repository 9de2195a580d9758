import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { deriveSm4Keys } from '../src/platform/crypto/sm.js';
import type { Database } from '../src/platform/db/database.js';

/** The OpenAPI document as the app serves it; built without a database (no route runs). */
export async function openApiDocument(): Promise<unknown> {
  const unused = new Proxy({}, { get: () => { throw new Error('no database while generating OpenAPI'); } }) as unknown as Database;
  const app = await buildApp({
    config: loadConfig({ DATA_DIR: '/nonexistent', API_DOCS: 'false' }),
    database: unused,
    keys: { sm4: deriveSm4Keys(Buffer.alloc(16)), integrity: Buffer.alloc(32) },
    logger: false,
  });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}
