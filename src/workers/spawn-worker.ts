import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry` (a module next to `from`, named without extension). Under the
 * TypeScript sources (tests, tsx) it starts through the store's tsx loader: Node 20 cannot pass
 * --import to a worker's entry.
 */
export function spawnWorker(from: string, entry: string): Worker {
  const ts = extname(fileURLToPath(from)) === '.ts';
  const url = new URL(`${entry}${ts ? '.ts' : '.js'}`, from);
  return ts ? new Worker(new URL('../store/dev-worker-loader.mjs', import.meta.url), { workerData: { entry: url.href } }) : new Worker(url);
}
