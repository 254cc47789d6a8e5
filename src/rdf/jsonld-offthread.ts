/**
 * JSON-LD conversion off the HTTP thread: small results are converted in
 * place (a worker round trip costs more), large ones in one lazily started
 * worker thread that is reused and never keeps the process alive.
 */
import type { Worker } from 'node:worker_threads';
import { LibkgError } from '../errors.js';
import { spawnWorker } from '../workers/spawn-worker.js';
import { nquadsToJsonld } from './jsonld.js';

/** Below this many bytes of N-Triples the conversion takes milliseconds: do it in place. */
const IN_PLACE_MAX_BYTES = 64 * 1024;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const w = spawnWorker(import.meta.url, './jsonld-worker');
  w.unref();
  w.on('message', (m: { id: number; json?: Uint8Array; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (!p) return;
    if (m.json) p.resolve(Buffer.from(m.json.buffer, m.json.byteOffset, m.json.byteLength));
    else p.reject(new LibkgError('QUERY_FAILED', `JSON-LD conversion failed: ${m.error}`));
  });
  const fail = (e: Error) => {
    for (const p of pending.values()) p.reject(new LibkgError('INTERNAL', `JSON-LD worker stopped: ${e.message}`));
    pending.clear();
    worker = undefined;
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  return w;
}

/** N-Triples or N-Quads (UTF-8 bytes) to compacted JSON-LD (UTF-8 bytes). */
export async function jsonldFromNquads(nquads: Uint8Array): Promise<Buffer> {
  if (nquads.byteLength <= IN_PLACE_MAX_BYTES) return Buffer.from(await nquadsToJsonld(Buffer.from(nquads).toString('utf8')));
  worker ??= start();
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, nquads }, [nquads.buffer as ArrayBuffer]);
  });
}
