/**
 * An HTTP import in a worker thread (import-worker.ts), so parsing and mapping never hold up the
 * HTTP thread: this side applies the worker's writes to the store, runs the post-write steps and
 * cancels by terminating the worker (an open raw RDF transaction is rolled back).
 */
import type { Worker } from 'node:worker_threads';
import { errorFromWire, LibkgError } from '../errors.js';
import type { BulkWriter, QuadStore, WriteResult } from '../store/port.js';
import { spawnWorker } from '../workers/spawn-worker.js';
import { type AfterImportStep, finishImport, type ImportJobInput, type ImportJobResult } from './import-job.js';
import { decodePuts, decodeQuads, type RunRequest, type WireError, type WorkerMessage, type WriteReply } from './import-wire.js';
import type { JobProgress } from './jobs.js';

/**
 * An idle worker kept between imports (mappings and shapes stay compiled). A job takes it (or starts
 * a new one, when two queues run at once) and gives it back unless it was cancelled or crashed.
 */
let idle: Worker | undefined;

function spawn(): Worker {
  const w = spawnWorker(import.meta.url, './import-worker');
  // An idle worker never keeps the process alive.
  w.unref();
  w.on('exit', () => {
    if (idle === w) idle = undefined;
  });
  return w;
}

const wireError = (e: unknown): WireError => {
  const err = e as Error & { code?: string; extra?: Record<string, unknown> };
  return { code: typeof err.code === 'string' ? err.code : undefined, message: err.message, extra: err.extra };
};

export async function runImportOffThread(
  store: QuadStore,
  input: ImportJobInput,
  progress: (p: Partial<JobProgress>) => void,
  signal: AbortSignal,
  steps?: AfterImportStep[],
): Promise<ImportJobResult> {
  const worker = idle ?? spawn();
  idle = undefined;
  let stopped = false;
  let summary: ImportJobResult | undefined;
  let detach = () => {};
  /** Stops the worker (cancel): its writes in flight are dropped, an open transaction rolled back. */
  const stop = () => {
    stopped = true;
    void worker.terminate();
  };
  /** The open raw RDF transaction: its writer, and how to end it. */
  let bulk: { writer: BulkWriter; end: (commit: boolean) => void; done: Promise<unknown> } | undefined;

  const written = await new Promise<ImportJobResult>((resolve, reject) => {
    const fail = (e: Error) => {
      // An open raw RDF transaction is rolled back before the job counts as ended.
      const open = bulk;
      bulk = undefined;
      open?.end(false);
      const rolledBack = open ? open.done.then(undefined, () => undefined) : Promise.resolve();
      void rolledBack.then(() => reject(Object.assign(e, { summary })));
    };
    const cancel = () => {
      stop();
      fail(signal.reason instanceof Error ? signal.reason : new LibkgError('JOB_CANCELLED', 'cancelled'));
    };
    if (signal.aborted) return cancel();
    signal.addEventListener('abort', cancel, { once: true });
    const onError = (e: Error) => {
      stopped = true;
      fail(new LibkgError('INTERNAL', `the import worker failed: ${e.message}`));
    };
    const onExit = (code: number) => {
      stopped = true;
      fail(new LibkgError('INTERNAL', `the import worker stopped (exit code ${code})`));
    };
    worker.on('error', onError);
    worker.on('exit', onExit);
    const reply = (m: WriteReply) => worker.postMessage(m);
    const apply = async (id: number, write: () => WriteResult | Promise<WriteResult>) => {
      try {
        reply({ id, result: await write() });
      } catch (e) {
        reply({ id, error: wireError(e) });
      }
    };

    const onMessage = (m: WorkerMessage) => {
      switch (m.t) {
        case 'progress':
          summary = m.summary as ImportJobResult;
          progress(m.progress);
          return;
        case 'done':
          signal.removeEventListener('abort', cancel);
          summary = m.summary as ImportJobResult;
          resolve(summary);
          return;
        case 'failed':
          signal.removeEventListener('abort', cancel);
          summary = m.summary as ImportJobResult;
          fail(errorFromWire(m.error));
          return;
        case 'put':
          void apply(m.id, () => (bulk ? bulk.writer.putGraphs(decodePuts(m.puts)) : store.putGraphs(decodePuts(m.puts))));
          return;
        case 'add':
          void apply(m.id, () =>
            bulk ? bulk.writer.addToGraph(m.graph, decodeQuads(m.quads), m.scope) : store.addToGraph(m.graph, decodeQuads(m.quads), m.scope),
          );
          return;
        case 'bulk-begin': {
          // The transaction stays open until the worker ends it (or dies: then it is rolled back).
          let end: (commit: boolean) => void = () => {};
          const ended = new Promise<boolean>((r) => {
            end = r;
          });
          const done = store.bulk(async (writer) => {
            bulk = { writer, end, done };
            reply({ id: m.id });
            if (!(await ended)) throw new LibkgError('JOB_CANCELLED', 'the import of this file was stopped; nothing of it was written');
          });
          done.then(
            () => undefined,
            (e) => {
              // Begin failed before the writer existed: tell the worker.
              if (!bulk) reply({ id: m.id, error: wireError(e) });
            },
          );
          return;
        }
        case 'bulk-end': {
          const open = bulk;
          if (!open) return reply({ id: m.id, error: { message: 'no bulk write is open' } });
          open.end(m.commit);
          open.done.then(
            () => reply({ id: m.id }),
            (e) => reply({ id: m.id, error: wireError(e) }),
          );
          bulk = undefined;
          return;
        }
      }
    };
    worker.on('message', onMessage);
    detach = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      signal.removeEventListener('abort', cancel);
      worker.unref();
      if (stopped) return;
      if (idle) void worker.terminate();
      else idle = worker;
    };
    worker.ref();
    worker.postMessage({ t: 'run', input } satisfies RunRequest);
  }).finally(() => detach());
  return finishImport(store, written, input, signal, steps);
}
