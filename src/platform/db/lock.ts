import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite takes no lock on its data folder and two processes on one folder corrupt it
 * (SECURITY REL-07). This lock file holds the owner's PID: a second process refuses to start
 * while that PID is alive; a lock left by a killed process is taken over.
 */
export class DataDirLockedError extends Error {}

export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'gongkai.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `数据目录 ${dir} 正被另一个 Gongkai 进程（PID ${owner}）使用。内嵌数据库（PGlite）只能由一个进程打开；` +
            `请先停止那个进程，或为多进程部署设置 DATABASE_URL 使用 PostgreSQL 服务器。`,
        );
      }
      fs.rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new DataDirLockedError(`无法锁定数据目录 ${dir}。`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
