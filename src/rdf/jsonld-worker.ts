/**
 * Worker thread converting N-Triples/N-Quads bytes to compacted JSON-LD, so a
 * large CONSTRUCT result asked for as JSON-LD (seconds of jsonld work) never
 * stalls the HTTP thread.
 */
import { parentPort } from 'node:worker_threads';
import { nquadsToJsonld } from './jsonld.js';

const port = parentPort;
if (!port) throw new Error('jsonld-worker must run in a worker thread');
const utf8 = new TextEncoder();
const text = new TextDecoder();

port.on('message', async (m: { id: number; nquads: Uint8Array }) => {
  try {
    const out = utf8.encode(await nquadsToJsonld(text.decode(m.nquads)));
    port.postMessage({ id: m.id, json: out }, [out.buffer]);
  } catch (e) {
    port.postMessage({ id: m.id, error: (e as Error).message });
  }
});
