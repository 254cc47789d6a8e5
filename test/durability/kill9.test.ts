import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Journal } from '../../src/store/journal.js';
import { startChildServer, stopChild } from '../helpers/child-server.js';

const TOKEN = 'durability-token-123';
const RUNS = 20;
const TRIPLES_PER_RECORD = 5;

/** A deterministic PRNG so a failing run can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const record = (i: number) =>
  `INSERT DATA { GRAPH <http://ex.org/rec/${i}> { ${Array.from({ length: TRIPLES_PER_RECORD }, (_, k) => `<http://ex.org/w${i}> <http://ex.org/p${k}> "value ${i} ${k}" .`).join(' ')} } }`;

describe('Durability under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-kill9-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged record whole across ${RUNS} kills at random moments`, async () => {
    const rand = prng(42);
    const acked = new Set<number>();
    let next = 0;
    for (let run = 0; run < RUNS; run++) {
      const server = await startChildServer(dir, ['--engines', '1'], { LIBKG_WRITE_TOKENS: TOKEN });
      const killAt = Date.now() + 50 + rand() * 400;
      // Two writers at once, so kills land inside and between transactions.
      const writer = async () => {
        while (Date.now() < killAt + 1000) {
          const i = next++;
          try {
            const r = await fetch(`${server.url}/sparql`, {
              method: 'POST',
              headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${TOKEN}` },
              body: record(i),
            });
            if (r.status === 200) acked.add(i);
            else if (r.status !== 503) throw new Error(`unexpected status ${r.status}: ${await r.text()}`);
          } catch (e) {
            if ((e as Error).message.startsWith('unexpected')) throw e;
            return; // connection refused or reset: the server is gone
          }
        }
      };
      const writers = Promise.all([writer(), writer()]);
      await new Promise((r) => setTimeout(r, killAt - Date.now()));
      await stopChild(server.proc, 'SIGKILL');
      await writers;
    }
    expect(acked.size).toBeGreaterThan(RUNS);

    // One more start proves the store opens and rebuilds after the last kill.
    const server = await startChildServer(dir, ['--engines', '1']);
    const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent('SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g')}`, {
      headers: { accept: 'application/sparql-results+json' },
    });
    const rows = ((await res.json()) as { results: { bindings: { g: { value: string }; n: { value: string } }[] } }).results.bindings;
    await stopChild(server.proc);
    const counts = new Map(rows.map((r) => [Number(r.g.value.split('/').pop()), Number(r.n.value)]));
    for (const i of acked) expect(counts.get(i), `acknowledged record ${i}`).toBe(TRIPLES_PER_RECORD);
    // No record is half-written: every graph present is whole.
    for (const [i, n] of counts) expect(n, `record ${i}`).toBe(TRIPLES_PER_RECORD);

    const journal = new Journal(join(dir, 'libkg.sqlite'), 1e9, { readonly: true });
    const seqs = journal.changes(0, 1e6).map((c) => c.seq);
    journal.close();
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
    expect(seqs.length).toBe(counts.size);
  }, 240_000);
});
