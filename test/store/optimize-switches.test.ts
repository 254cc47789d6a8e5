/**
 * Every rewrite is exact: with any set of them switched on (LIBKG_QUERY_REWRITES), the broad query set
 * (SP2Bench and the general shapes of bench/sp2b/broad-queries.ts) answers as with rewrites off.
 * Sets: all, each rewrite alone, all but each one, and seeded random subsets.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROAD_QUERIES } from '../../bench/sp2b/broad-queries.js';
import { generate } from '../../bench/sp2b/generate.js';
import { benchQueries } from '../../bench/sp2b/queries.js';
import { QUERY_REWRITES, type QueryRewrite, rewriteSwitches } from '../../src/settings/query-rewrites.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { DataFacts, optimizeQuery, optimizingStore } from '../../src/store/optimize/index.js';
import type { QuadStore } from '../../src/store/port.js';
import { prng } from '../helpers/prng.js';

const fail = (reason: string): never => {
  throw new Error(reason);
};

describe('LIBKG_QUERY_REWRITES as a list', () => {
  const parse = (raw: string) => rewriteSwitches.parse(raw, fail);
  it('reads on, off, names, and on/off with -name/+name', () => {
    expect(parse('on')).toEqual(QUERY_REWRITES);
    expect(parse('off')).toEqual([]);
    expect(parse('top-k, join-order')).toEqual(['join-order', 'top-k']);
    expect(parse('on,-top-k')).toEqual(QUERY_REWRITES.filter((r) => r !== 'top-k'));
    expect(parse('off,+semi-join')).toEqual(['semi-join']);
    expect(rewriteSwitches.show(parse('on,-top-k,+top-k'))).toBe('on');
  });
  it('names the unknown rewrite and the known ones', () => {
    expect(() => parse('on,-topk')).toThrow('names no rewrite "topk"; known: optional-minus,');
    expect(() => parse('')).toThrow('must be on, off or a list of rewrites');
  });
});

const random = prng(14);
const SETS: [string, readonly QueryRewrite[]][] = [
  ['all', QUERY_REWRITES],
  ...QUERY_REWRITES.map((r): [string, QueryRewrite[]] => [`only ${r}`, [r]]),
  ...QUERY_REWRITES.map((r): [string, QueryRewrite[]] => [`all but ${r}`, QUERY_REWRITES.filter((x) => x !== r)]),
  ...Array.from({ length: 4 }, (_, i): [string, QueryRewrite[]] => {
    const some = QUERY_REWRITES.filter(() => random() < 0.5);
    return [`random ${i}: ${some.join(',')}`, some];
  }),
];

let dir: string;
let store: EmbeddedStore;
let queries: { id: string; text: string }[];
const expected = new Map<string, string>();

/** The answer as a comparable string: rows sorted (ties under LIMIT excepted below), N-Triples lines sorted. */
async function answer(s: QuadStore, text: string): Promise<string> {
  const graph = /^\s*(CONSTRUCT|DESCRIBE)/im.test(text.replace(/PREFIX[^>]*>/gi, ''));
  const r = await s.query(text, { format: graph ? 'application/n-triples' : 'application/sparql-results+json' });
  if (graph) return r.body.split('\n').filter(Boolean).sort().join('\n');
  const json = JSON.parse(r.body);
  if (typeof json.boolean === 'boolean') return String(json.boolean);
  return (json.results.bindings as unknown[])
    .map((b) => JSON.stringify(b, Object.keys(b as object).sort()))
    .sort()
    .join('\n');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-optimize-switches-'));
  const file = join(dir, 'sp2b.nt');
  const meta = await generate(file, 1500);
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 100_000, engines: 1, queryTimeoutMs: 60_000, maxResultBytes: 50_000_000 });
  await store.putGraphs([{ graph: 'http://bench.libkg.example/sp2b/graph', quads: new N3.Parser().parse(readFileSync(file, 'utf8')) }]);
  // A LIMIT may keep any rows the query does not order (or ties): those queries run without it. Kept where one
  // column is sorted and projected alone (top-k's shape), so equal values are equal rows.
  queries = [...benchQueries(meta), ...BROAD_QUERIES]
    .filter((q) => q.id !== 'undeclared-prefixes')
    .map((q) => ({ id: q.id, text: /ORDER BY \?\w+ LIMIT/i.test(q.text) ? q.text : q.text.replace(/(LIMIT|OFFSET) \d+/gi, '') }));
  for (const q of queries) expected.set(q.id, await answer(store, q.text));
}, 300_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('every rewrite set answers as rewrites off', () => {
  it.each(SETS)(
    '%s',
    async (_name, on) => {
      const optimized = optimizingStore(store, { rewrites: on, resultCache: false });
      const differs: string[] = [];
      for (const q of queries) if ((await answer(optimized, q.text)) !== expected.get(q.id)) differs.push(q.id);
      expect(differs).toEqual([]);
    },
    300_000,
  );

  it.each(QUERY_REWRITES.filter((r) => r !== 'top-k'))(
    '%s alone changes at least one query of the set',
    async (rewrite) => {
      const facts = new DataFacts(store);
      const changed = [];
      for (const q of queries) if ((await optimizeQuery(q.text, facts, undefined, undefined, new Set([rewrite]))) !== undefined) changed.push(q.id);
      expect(changed.length).toBeGreaterThan(0);
    },
    120_000,
  );

  it('the set has answers to compare (not all empty)', () => {
    const nonEmpty = [...expected.values()].filter((a) => a && a !== 'false' && !a.includes('"value":"0"')).length;
    expect(nonEmpty).toBeGreaterThan(queries.length / 2);
  });
});
