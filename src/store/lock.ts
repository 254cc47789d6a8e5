import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LibkgError } from '../errors.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One process owns a data dir at a time: a second writer would change the
 * journal behind the running server's engines. A lock left by a killed
 * process (its pid is gone) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'libkg.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8'));
      if (pid && pid !== process.pid && alive(pid)) {
        throw new LibkgError('DATA_DIR_LOCKED', `data dir ${dir} is in use by process ${pid} (a running libkg server?); stop it or use its HTTP API`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new LibkgError('DATA_DIR_LOCKED', `could not lock data dir ${dir}`);
}
