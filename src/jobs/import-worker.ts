/**
 * Runs one HTTP import off the HTTP thread: reading, parsing, mapping and validating happen here;
 * every write is sent to the thread that holds the store (import-offthread.ts), which owns the
 * journal and the engines. Terminating this worker cancels the import: the store thread rolls back
 * an open raw RDF transaction.
 */
import { parentPort } from 'node:worker_threads';
import { errorFromWire } from '../errors.js';
import { emptySummary, type ImportTarget } from '../ingest/pipeline.js';
import type { WriteResult } from '../store/port.js';
import { type ImportJobInput, type ImportJobResult, importUpload } from './import-job.js';
import { encodePuts, encodeQuads, type RunRequest, type WorkerMessage, type WriteReply, type WriteRequest } from './import-wire.js';

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');

const waiting = new Map<number, { resolve: (r: WriteResult) => void; reject: (e: Error) => void }>();
let nextId = 1;
const send = (m: WorkerMessage) => port.postMessage(m);

type Request = WriteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
function call(req: Request): Promise<WriteResult> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    send({ ...req, id } as WriteRequest);
  });
}

port.on('message', (m: WriteReply | RunRequest) => {
  if ('t' in m) {
    void run(m.input);
    return;
  }
  const w = waiting.get(m.id);
  waiting.delete(m.id);
  if (!w) return;
  if (m.error) w.reject(errorFromWire(m.error));
  else w.resolve(m.result as WriteResult);
});

const target: ImportTarget = {
  putGraphs: (puts) => call({ t: 'put', puts: encodePuts(puts) }),
  addToGraph: (graph, quads, scope) => call({ t: 'add', graph, quads: encodeQuads(quads), scope }),
  async bulk(fn) {
    await call({ t: 'bulk-begin' });
    let result: Awaited<ReturnType<typeof fn>>;
    try {
      result = await fn({ putGraphs: target.putGraphs, addToGraph: target.addToGraph });
    } catch (e) {
      await call({ t: 'bulk-end', commit: false }).catch(() => {});
      throw e;
    }
    await call({ t: 'bulk-end', commit: true });
    return result;
  },
};

// Never aborted: a cancelled import's worker is terminated.
const signal = new AbortController().signal;

/** One import; the worker stays for the next (mappings and shapes compiled once). */
async function run(input: ImportJobInput): Promise<void> {
  const summary = emptySummary() as ImportJobResult;
  let lastProgress = 0;
  try {
    await importUpload(
      target,
      input,
      (progress) => {
        // A few progress reports a second are plenty (each carries the summary so far).
        if (Date.now() - lastProgress < 250 && progress.done !== progress.total) return;
        lastProgress = Date.now();
        send({ t: 'progress', progress, summary });
      },
      signal,
      summary,
    );
    send({ t: 'done', summary });
  } catch (e) {
    const err = e as Error & { code?: string; extra?: Record<string, unknown> };
    send({ t: 'failed', error: { code: err.code, message: err.message, extra: err.extra }, summary });
  }
}
