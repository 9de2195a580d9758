import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import net from 'node:net';

export const ROOT = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node --import tsx src/server.ts` with the given environment; resolves when it listens or exits. */
export async function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  await Promise.race([
    exited,
    new Promise<void>((res, rej) => {
      const t = setInterval(() => {
        if (out.includes('按 Ctrl+C 停止')) {
          clearInterval(t);
          res();
        }
      }, 50);
      setTimeout(() => {
        clearInterval(t);
        rej(new Error(`server did not start:\n${out}`));
      }, 150_000); // a first start seeds the demo (about 30 s alone, more beside other tests)
    }),
  ]);
  return { child, output: () => out, exited };
}

/** Runs the gongkai CLI from source and returns its exit code and output. */
export function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}
