/**
 * Differential tests: seeded random datasets and queries (generate-data.ts,
 * generate-query.ts) answered through /sparql by every engine path, each answer
 * compared with the plain engine's (Oxigraph, rewrites off) as a SPARQL result set.
 * A mismatch prints the seed, the data and the query, to replay it:
 * LIBKG_DIFF_SEED=<seed> npx vitest run test/differential/
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_PATHS, type EnginePath } from '../helpers/engine-paths.js';
import type { LoopbackServer } from '../helpers/remote-server.js';
import { differences } from '../w3c-sparql11/compare.js';
import { readAnswer } from '../w3c-sparql11/result-sets.js';
import { generateDataset, trigOf } from './generate-data.js';
import { generateQuery } from './generate-query.js';

const BASE_SEED = Number(process.env.LIBKG_DIFF_SEED ?? 14_000);
const DATASETS = 20;
const QUERIES_PER_DATASET = 15;
const REFERENCE = 'oxigraph, rewrites off';

const paths = ENGINE_PATHS.filter((p) => p.exact && !p.unavailable());
const servers = new Map<EnginePath, LoopbackServer>();

async function ask(s: LoopbackServer, query: string): Promise<{ status: number; body: string; type: string }> {
  const res = await fetch(`${s.url}sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    body: query,
  });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

async function put(s: LoopbackServer, graph: string, lines: string[], method: 'PUT' | 'DELETE'): Promise<void> {
  const res = await fetch(`${s.url}store?graph=${encodeURIComponent(graph)}`, {
    method,
    headers: { ...s.auth, ...(method === 'PUT' ? { 'content-type': 'application/n-triples' } : {}) },
    body: method === 'PUT' ? lines.join('\n') : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${graph}: ${res.status} ${await res.text()}`);
}

describe('differential: every engine path answers generated queries as the plain engine does', () => {
  let answered = 0;
  beforeAll(async () => {
    for (const p of paths) servers.set(p, await p.start());
  }, 180_000);
  afterAll(async () => {
    for (const s of servers.values()) await s.close();
  }, 60_000);

  it('compares at least two engine paths', () => {
    expect(paths.map((p) => p.name)).toContain(REFERENCE);
    expect(paths.length).toBeGreaterThan(1);
  });

  it.each(Array.from({ length: DATASETS }, (_, i) => BASE_SEED + i))('dataset seed %i', async (seed) => {
    const data = generateDataset(seed);
    await Promise.all(
      [...servers.values()].map(async (s) => {
        for (const [g, lines] of data.graphs) await put(s, g, lines, 'PUT');
      }),
    );
    const mismatches: string[] = [];
    try {
      for (let q = 0; q < QUERIES_PER_DATASET; q++) {
        const querySeed = seed * 1000 + q;
        const query = generateQuery(querySeed);
        const answers = new Map(await Promise.all([...servers].map(async ([p, s]) => [p.name, await ask(s, query.text)] as const)));
        const ref = answers.get(REFERENCE) as Awaited<ReturnType<typeof ask>>;
        if (ref.status === 200) answered++;
        for (const [name, a] of answers) {
          if (name === REFERENCE) continue;
          const why =
            a.status !== ref.status
              ? `HTTP ${a.status} where the reference answered ${ref.status}: ${(a.status === 200 ? ref : a).body.slice(0, 300)}`
              : a.status === 200
                ? differences(readAnswer(ref.body, ref.type, ''), readAnswer(a.body, a.type, ''), query.orderVars)
                : undefined;
          if (why) mismatches.push(`${name} differs from ${REFERENCE}\nquery seed ${querySeed}: ${query.text}\n${why}`);
        }
      }
    } finally {
      await Promise.all(
        [...servers.values()].map(async (s) => {
          for (const g of data.graphs.keys()) await put(s, g, [], 'DELETE');
        }),
      );
    }
    expect(mismatches, `dataset seed ${seed}:\n${trigOf(data)}\n\n${mismatches.join('\n\n')}`).toEqual([]);
  });

  it('the generator writes queries the reference engine answers (not just errors)', () => {
    expect(answered).toBeGreaterThan(0.9 * DATASETS * QUERIES_PER_DATASET);
  });
});
