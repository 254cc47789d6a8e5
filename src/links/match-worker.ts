/**
 * Runs the matching engine in a worker thread (run.ts): comparing pairs is CPU work that would
 * otherwise hold up HTTP serving. Plain data in (spec, entities), progress and the result out;
 * cancelling terminates the thread.
 */
import { parentPort } from 'node:worker_threads';
import { type LinkEntity, type LinkSpec, matchEntities } from './engine/index.js';

/** `focus`: the changed entities of an incremental run (matchEntities). */
export type MatchRequest = { spec: LinkSpec; sources: LinkEntity[]; targets: LinkEntity[] | 'same'; focus?: string[] };
export type MatchMessage =
  | { t: 'progress'; done: number; total: number }
  | { t: 'done'; result: ReturnType<typeof matchEntities> }
  | { t: 'failed'; message: string };

/** How often progress is posted: often enough for a bar, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 200;

const port = parentPort;
if (!port) throw new Error('match-worker runs as a worker thread');

port.once('message', ({ spec, sources, targets, focus }: MatchRequest) => {
  let last = 0;
  try {
    const result = matchEntities(spec, sources, targets, {
      focus: focus && new Set(focus),
      onProgress(done, total) {
        if (Date.now() - last < PROGRESS_EVERY_MS && done !== total) return;
        last = Date.now();
        port.postMessage({ t: 'progress', done, total } satisfies MatchMessage);
      },
    });
    port.postMessage({ t: 'done', result } satisfies MatchMessage);
  } catch (e) {
    port.postMessage({ t: 'failed', message: (e as Error).message } satisfies MatchMessage);
  }
});
