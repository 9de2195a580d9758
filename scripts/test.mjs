#!/usr/bin/env node
// The README's test command: build, type-check, run every Vitest project (PGlite, PostgreSQL,
// browser), then print the closing line CI reads: `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
const fail = (msg) => {
  console.error(`\n${msg}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
};

// Browser tests drive the system Chromium; Chinese needs the CJK fonts.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveFonts = () => spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim().length > 0;
if (!fs.existsSync(chromium) || !haveFonts()) {
  if (process.getuid?.() === 0) {
    console.log('Installing chromium and fonts-noto-cjk (Debian packages) for the browser tests…');
    if (run('apt-get', ['update', '-qq']).status !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk']).status !== 0)
      fail('Could not install chromium. Run: apt-get update && apt-get install -y chromium fonts-noto-cjk');
  } else {
    fail('The browser tests need Chromium and CJK fonts. Run as root:\n  apt-get update && apt-get install -y chromium fonts-noto-cjk');
  }
}

if (run('npm', ['run', '--silent', 'build']).status !== 0) fail('Build failed.');
if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']).status !== 0) fail('Type check (server and tests) failed.');
if (run('npx', ['tsc', '-p', 'tsconfig.admin.json']).status !== 0) fail('Type check (console) failed.');

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-vitest-')), 'report.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const vitest = run('npx', args, { env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  // A file that fails to load counts as one failure even though none of its tests ran.
  failed = r.numFailedTests || r.numFailedTestSuites;
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
if (vitest.status !== 0 && failed === 0) failed = 1; // a crash outside any test still fails the run
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitest.status ?? 1);
