// Writes the OpenAPI document (openapi.json, committed so API changes show in review) and the
// console's TypeScript types generated from it (src/admin/api/schema.d.ts).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openApiDocument } from '../test/openapi-doc.js';

const root = path.resolve(import.meta.dirname, '..');
const file = path.join(root, 'openapi.json');
fs.writeFileSync(file, JSON.stringify(await openApiDocument(), null, 2) + '\n');
execFileSync(process.execPath, [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), file, '-o', path.join(root, 'src/admin/api/schema.d.ts')], { stdio: 'inherit' });
console.log('openapi.json and src/admin/api/schema.d.ts written');
