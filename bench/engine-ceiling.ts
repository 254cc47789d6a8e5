/**
 * How many realistic bibliographic quads fit in one Oxigraph WASM store before
 * its 4 GiB address space is exhausted. Loads generated records in chunks
 * until a load throws; prints the last good size. Usage: npx tsx bench/engine-ceiling.ts
 */
import oxigraph from 'oxigraph';
import { biblioRecords } from './gen-biblio.js';

const store = new oxigraph.Store();
let loaded = 0;
let chunk: string[] = [];
let chunkQuads = 0;
const t0 = Date.now();
try {
  for (const rec of biblioRecords(30_000_000, 7)) {
    chunk.push(rec);
    chunkQuads += rec.split('\n').length - 1;
    if (chunkQuads >= 100_000) {
      store.load(chunk.join(''), { format: 'application/n-quads' });
      loaded += chunkQuads;
      chunk = [];
      chunkQuads = 0;
      if (loaded % 1_000_000 < 100_000) {
        console.log(`${loaded} quads, ${Math.round((loaded / (Date.now() - t0)) * 1000)} quads/s, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
      }
    }
  }
  console.log(`no failure up to ${loaded} quads`);
} catch (e) {
  console.log(`load failed after ${loaded} quads (${store.size} in store): ${(e as Error).message}`);
  try {
    store.load('<http://ex.org/a> <http://ex.org/p> "x" .', { format: 'application/n-quads' });
    console.log('a later small write still works');
  } catch (e2) {
    console.log(`a later small write also fails: ${(e2 as Error).message}`);
  }
}
