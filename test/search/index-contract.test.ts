/**
 * The SearchIndex contract, run against every adapter (SQLite FTS5 in a file and
 * in memory, and the in-memory adapter), with documents made from real fixture records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLibkgError } from '../../src/errors.js';
import { documentsOf } from '../../src/search/documents.js';
import { MemorySearchIndex } from '../../src/search/memory.js';
import type { SearchDoc, SearchIndex } from '../../src/search/port.js';
import { parseQuery } from '../../src/search/query.js';
import { SqliteSearchIndex } from '../../src/search/sqlite.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { NS } from '../../src/vocab.js';
import { importFixtures } from '../helpers/fixtures.js';

const BASE = 'http://localhost:8080/';
const dir = mkdtempSync(join(tmpdir(), 'libkg-search-contract-'));
/** Record graph IRI → its documents, from the real import of the fixtures. */
const graphs = new Map<string, SearchDoc[]>();

beforeAll(async () => {
  const store = await EmbeddedStore.open({ dataDir: join(dir, 'store'), quadBudget: 1_000_000, engines: 0, queryTimeoutMs: 10_000, maxResultBytes: 1e8 });
  await importFixtures(store, BASE, ['catalog/marc2bibframe2-gwu-subset.xml', 'catalog/marc-perl-cjk1.marc', 'authors/gnd-marc21/marc21-rs-DUMP.mrc']);
  for (const g of store.listGraphs()) graphs.set(g.iri, documentsOf(await store.getGraph(g.iri), { baseIri: BASE }));
  await store.close();
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADAPTERS: [string, () => SearchIndex][] = [
  ['SQLite FTS5 in a file', () => new SqliteSearchIndex(join(dir, `index-${Math.random()}.sqlite`), BASE)],
  ['SQLite FTS5 in memory', () => new SqliteSearchIndex(':memory:', BASE)],
  ['in-memory adapter', () => new MemorySearchIndex()],
];

const WORK = `${BASE}id/work/local-11863566`;
const WORK_GRAPH = `${BASE}graph/catalog/local-11863566`;
const GOETHE = `${BASE}id/person/gnd-118540238`;

describe.each(ADAPTERS)('a SearchIndex: %s', (_name, make) => {
  let index: SearchIndex;
  beforeAll(() => {
    index = make();
    index.batch(() => {
      for (const [g, docs] of graphs) index.applyGraph(g, docs);
      index.setLastSeq(42);
    });
  });
  afterAll(() => index.close());
  const find = (q: string, extra: Partial<Parameters<SearchIndex['search']>[0]> = {}) =>
    index.search({ query: parseQuery(q).node, from: 0, size: 50, ...extra }).hits.map((h) => h.doc.iri);

  it('holds one merged entity per IRI, with what each record graph says about it', () => {
    const doc = index.get(WORK);
    expect(doc?.labels.map((l) => l.value)).toContain("Zhongguo wai jiao liu shi nian : 1949-2009 = Sixty years of China's foreign affairs");
    expect(doc?.identifiers).toContain('9787500481676');
    expect(doc?.languages).toEqual(['zh']);
    expect(doc?.years).toEqual([2009]);
    expect(doc?.contributors.map((c) => c.name)).toContain('Wang, Yizhou, 1957-');
    expect(index.lastSeq()).toBe(42);
    expect(index.graphsOf(WORK)).toEqual([WORK_GRAPH]);
    expect(index.graphsOf(GOETHE).length).toBeGreaterThan(0);
    const entities = new Set([...graphs.values()].flat().map((d) => d.iri));
    expect(index.count()).toBe(entities.size);
  });

  it('matches fields, phrases, prefixes, OR and NOT', () => {
    expect(find('title:"foreign affairs"')).toEqual([WORK]);
    expect(find('contributor:"foreign affairs"')).toEqual([]);
    expect(find('author:yizhou')).toContain(WORK);
    expect(find('title:"affairs foreign"')).toEqual([]);
    expect(find('forei*')).toContain(WORK);
    expect(find('zhongguo -foreign')).not.toContain(WORK);
    expect(find('zzzzqq OR 9787500481676')).toContain(WORK);
    expect(find('subject:"foreign relations"')).toContain(WORK);
  });

  it('ranks a label hit above a hit in other text', () => {
    const hits = find('goethe');
    expect(hits.slice(0, 2)).toContain(GOETHE);
    const answer = index.search({ query: parseQuery('goethe').node, from: 0, size: 50 });
    const scores = answer.hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('filters by type, language, year and IRI prefix, and counts facets within the filtered set', () => {
    const all = index.search({ from: 0, size: 1, filters: { types: [NS.bibo('Book')] }, facets: ['type', 'lang', 'year', 'subject'] });
    expect(all.total).toBeGreaterThan(1);
    expect(all.facets.type?.find((f) => f.value === NS.bibo('Book'))?.count).toBe(all.total);
    const zh = index.search({ from: 0, size: 50, filters: { types: [NS.bibo('Book')], langs: ['zh'] } });
    expect(zh.total).toBe(all.facets.lang?.find((f) => f.value === 'zh')?.count);
    const y = index.search({ from: 0, size: 50, filters: { yearFrom: 2009, yearTo: 2009 } });
    expect(y.hits.every((h) => h.doc.years.includes(2009))).toBe(true);
    expect(y.total).toBe(index.search({ from: 0, size: 1, facets: ['year'], facetSize: 100 }).facets.year?.find((f) => f.value === '2009')?.count);
    expect(find('goethe', { filters: { iriPrefix: `${BASE}id/work/` } }).every((i) => i.startsWith(`${BASE}id/work/`))).toBe(true);
  });

  it('pages without gaps or repeats', () => {
    const all = index.search({ from: 0, size: 1000 }).hits.map((h) => h.doc.iri);
    const paged: string[] = [];
    for (let from = 0; from < all.length; from += 7) paged.push(...index.search({ from, size: 7 }).hits.map((h) => h.doc.iri));
    expect(paged).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });

  it('replaces a graph’s part, and forgets an entity when no graph describes it any more', () => {
    const docs = graphs.get(WORK_GRAPH) ?? [];
    const extra = `${BASE}graph/test/extra`;
    const bare: SearchDoc = {
      iri: WORK,
      types: [],
      labels: [{ value: 'Quuxly retitled', lang: 'en' }],
      altLabels: [],
      contributors: [],
      subjects: [],
      identifiers: [],
      text: [],
      languages: [],
      years: [],
      dates: {},
    };
    index.applyGraph(extra, [bare]);
    expect(find('quuxly')).toEqual([WORK]);
    expect(index.get(WORK)?.labels.length).toBeGreaterThan(1);
    index.applyGraph(WORK_GRAPH, []);
    expect(find('title:"foreign affairs"')).toEqual([]);
    expect(find('quuxly')).toEqual([WORK]);
    const browse = () => index.search({ from: 0, size: 1, facets: ['lang'] });
    const before = browse();
    index.applyGraph(extra, []);
    expect(index.get(WORK)).toBeUndefined();
    // Counts without a query follow the write too.
    expect(browse().total).toBe(before.total - 1);
    expect(find('quuxly')).toEqual([]);
    index.applyGraph(WORK_GRAPH, docs);
    expect(find('title:"foreign affairs"')).toEqual([WORK]);
  });

  it('replaces a graph slice by slice (putGraphParts, endGraphParts) to what one applyGraph gives', () => {
    const fill = (i: SearchIndex) =>
      i.batch(() => {
        for (const [g, docs] of graphs) i.applyGraph(g, docs);
      });
    const [big, bigDocs] = [...graphs].sort((a, b) => b[1].length - a[1].length)[0] as [string, SearchDoc[]];
    // The largest graph's new content: half its own documents (one changed) and another graph's.
    const other = [...graphs].find(([g, docs]) => g !== big && docs.length > 1)?.[1] ?? [];
    const next = [...bigDocs.slice(0, Math.ceil(bigDocs.length / 2)), ...other].map((d, i) =>
      i === 0 ? { ...d, identifiers: [...d.identifiers, 'changed-42'] } : d,
    );
    const whole = make();
    const sliced = make();
    try {
      fill(whole);
      fill(sliced);
      whole.applyGraph(big, next);
      for (let i = 0; i < next.length; i += 2) sliced.putGraphParts(big, next.slice(i, i + 2));
      const keep = new Set(next.map((d) => d.iri));
      let rounds = 0;
      while (!sliced.endGraphParts(big, keep, 1)) rounds++;
      // One stale part dropped per call: the parts of the graph's old content that the new one lacks.
      const stale = bigDocs.filter((d) => !keep.has(d.iri)).length;
      expect(stale).toBeGreaterThan(1);
      expect(rounds).toBe(stale - 1);
      const iris = new Set([...graphs.values(), next].flat().map((d) => d.iri));
      expect(sliced.count()).toBe(whole.count());
      for (const iri of iris) {
        expect(sliced.get(iri)).toEqual(whole.get(iri));
        expect(sliced.graphsOf(iri)).toEqual(whole.graphsOf(iri));
      }
      const ids = (i: SearchIndex) => i.search({ query: parseQuery('changed-42').node, from: 0, size: 50 }).hits.map((h) => h.doc.iri);
      expect(ids(sliced)).toEqual(ids(whole));
      expect(ids(sliced).length).toBe(1);
    } finally {
      whole.close();
      sliced.close();
    }
  });

  it('rolls a failed batch back as a whole', () => {
    const before = index.count();
    expect(() =>
      index.batch(() => {
        index.applyGraph(WORK_GRAPH, []);
        throw new Error('import failed half-way');
      }),
    ).toThrow('half-way');
    expect(index.count()).toBe(before);
    expect(index.get(WORK)).toBeDefined();
  });

  it('takes any user text as data: results or a BAD_REQUEST, never an SQL or FTS5 error', () => {
    const hostile = ['"', '*', 'NEAR(a b)', ')', ':', "'", "';--", '{label}:x', 'a:b:c', 'x"y', '\u0000', 'a\u0000b', 'AND OR NOT', '- -', 'title:()', '(*)'];
    const dataOrRefusal = (run: () => unknown, h: string) => {
      try {
        run();
      } catch (e) {
        expect(isLibkgError(e) && (e.code === 'BAD_REQUEST' || e.code === 'SEARCH_SYNTAX'), `${JSON.stringify(h)}: ${(e as Error).message}`).toBe(true);
      }
    };
    for (const h of hostile) {
      dataOrRefusal(() => index.search({ query: parseQuery(h).node, from: 0, size: 5 }), h);
      // Also as a raw term, bypassing the parser: still data.
      dataOrRefusal(() => index.search({ query: { kind: 'term', text: h, phrase: true, prefix: true }, from: 0, size: 5 }), h);
    }
    expect(find('goethe').length).toBeGreaterThan(0);
  });

  it('matches a word of 5+ letters one edit away (two from 9), and suggests the indexed word', () => {
    // Goethe's authority record, with two letters swapped; a name of 9+ letters with two edits.
    expect(find('Geothe')).toContain(GOETHE);
    const answer = index.search({ query: parseQuery('Geothe').node, from: 0, size: 5 });
    expect(answer.corrections).toEqual([{ from: 'Geothe', to: 'goethe' }]);
    // None when asked for none; none below 5 letters ("Gothe" is Goethe's other spelling, not a typo of "Geth").
    expect(find('Geothe', { typos: false })).toEqual([]);
    expect(find('Geth')).toEqual([]);
  });

  it('ranks exact matches above matches through a typo variant', () => {
    const local = make();
    const doc = (iri: string, label: string): SearchDoc => ({
      iri: `${BASE}id/x/${iri}`,
      types: [],
      labels: [{ value: label, lang: '' }],
      altLabels: [],
      contributors: [],
      subjects: [],
      identifiers: [],
      text: [],
      languages: [],
      years: [],
      dates: {},
    });
    // "color" in 11 entities, "colour" in one: ten times rarer, so taken for a typo.
    const more = Array.from({ length: 9 }, (_, i) => doc(`m${i}`, `color plate ${i}`));
    local.applyGraph(`${BASE}graph/x`, [
      doc('a', 'colour theory'),
      doc('b', 'color theory theory'),
      doc('c', 'color and light'),
      doc('d', 'theory of colours'),
      ...more,
    ]);
    const hits = local.search({ query: parseQuery('colour theory').node, from: 0, size: 20 }).hits;
    expect(hits[0]?.doc.iri.slice(-1)).toBe('a');
    // b through "color", d through "colours" (both an edit away); c lacks "theory".
    expect(new Set(hits.slice(1).map((h) => h.doc.iri.slice(-1)))).toEqual(new Set(['b', 'd']));
    // Scores follow the order: the exact match scores highest.
    expect(Math.max(...hits.slice(1).map((h) => h.score))).toBeLessThan(hits[0]?.score ?? 0);
    // A common word gets no variants: "color" finds neither "colour" nor "colours".
    const color = local.search({ query: parseQuery('color').node, from: 0, size: 20 }).hits.map((h) => h.doc.iri.slice(-1));
    expect(color).toHaveLength(11);
    expect(color).not.toContain('a');
    expect(color).not.toContain('d');
    local.close();
  });

  it('forgets everything on clear', () => {
    index.clear();
    expect(index.count()).toBe(0);
    expect(index.lastSeq()).toBe(0);
    expect(find('goethe')).toEqual([]);
  });
});

describe('the SQLite index file', () => {
  it('keeps its last sequence across reopening, and starts empty for another base IRI', () => {
    const path = join(dir, 'reopen.sqlite');
    const a = new SqliteSearchIndex(path, BASE);
    a.applyGraph(WORK_GRAPH, graphs.get(WORK_GRAPH) ?? []);
    a.setLastSeq(7);
    a.close();
    const b = new SqliteSearchIndex(path, BASE);
    expect(b.lastSeq()).toBe(7);
    expect(b.get(WORK)).toBeDefined();
    b.close();
    const c = new SqliteSearchIndex(path, 'https://example.org/');
    expect(c.lastSeq()).toBe(0);
    expect(c.count()).toBe(0);
    c.close();
  });
});

describe('the adapters agree', () => {
  it('find the same entities for the same queries', () => {
    const sqlite = new SqliteSearchIndex(':memory:', BASE);
    const memory = new MemorySearchIndex();
    for (const index of [sqlite, memory]) {
      index.batch(() => {
        for (const [g, docs] of graphs) index.applyGraph(g, docs);
      });
    }
    const queries = [
      'goethe',
      'Göthe',
      'title:"foreign affairs"',
      'author:dvorak',
      '外交',
      'アイヌ語',
      '9787500481676',
      '978-7-5004-8167-6',
      'music OR poetry',
      'symph*',
      'subject:language',
      'goethe -werther',
      'id:118540238',
      '"sixty years"',
    ];
    for (const q of queries) {
      const found = (index: SearchIndex) =>
        index
          .search({ query: parseQuery(q).node, from: 0, size: 500 })
          .hits.map((h) => h.doc.iri)
          .sort();
      expect(found(memory), q).toEqual(found(sqlite));
    }
    sqlite.close();
  });
});
