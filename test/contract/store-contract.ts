/**
 * The behaviour every QuadStore adapter must have. Run it with an adapter
 * factory (embedded now, remote SPARQL 1.1 engines later).
 */
import { PassThrough } from 'node:stream';
import N3 from 'n3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibkgError } from '../../src/errors.js';
import type { QuadStore } from '../../src/store/port.js';

export interface ContractHarness {
  /** Skip the whole contract (a store whose external engine this machine lacks: test/helpers/clients.ts). */
  skip?: boolean;
  /** A new, empty store with the given quad budget. */
  open(budget: number): Promise<QuadStore>;
  /** Closes and reopens the same store (for durability checks). */
  reopen(store: QuadStore): Promise<QuadStore>;
  cleanup(): Promise<void>;
}

const ttl = (text: string) => new N3.Parser({ format: 'text/turtle' }).parse(`@prefix ex: <http://ex.org/> .\n${text}`);
const rows = async (s: QuadStore, q: string, opts = {}) =>
  JSON.parse((await s.query(q, opts)).body).results.bindings.map((b: Record<string, { value: string }>) =>
    Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])),
  );
const count = async (s: QuadStore, q: string, opts = {}) => Number((await rows(s, q, opts))[0]?.n ?? 0);
const G1 = 'http://ex.org/graph/1';
const G2 = 'http://ex.org/graph/2';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof LibkgError ? e.code : `non-libkg error: ${(e as Error).message}`;
  }
  return 'no error';
}

export function describeStoreContract(name: string, harness: ContractHarness): void {
  describe.skipIf(harness.skip ?? false)(`QuadStore contract: ${name}`, () => {
    let store: QuadStore;
    beforeEach(async () => {
      store = await harness.open(1000);
    });
    afterEach(async () => {
      await store.close();
      await harness.cleanup();
    });

    it('puts a record graph that queries see through the union default graph', async () => {
      const r = await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:title "A" ; ex:n 1 .') }]);
      expect(r.written).toEqual([G1]);
      expect(r.seq).toBeGreaterThan(0);
      expect(await count(store, 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')).toBe(2);
      expect(await rows(store, 'SELECT ?g { GRAPH ?g { ?s ?p ?o } } LIMIT 1')).toEqual([{ g: G1 }]);
      expect(store.graphInfo(G1)?.quads).toBe(2);
      expect(store.size()).toBe(2);
    });

    it('replaces exactly the graph it puts and treats an unchanged put as a no-op', async () => {
      await store.putGraphs([
        { graph: G1, quads: ttl('ex:a ex:title "A" .') },
        { graph: G2, quads: ttl('ex:b ex:title "B" .') },
      ]);
      const before = store.changes(0, 100).length;
      const same = await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:title "A" .') }]);
      expect(same).toMatchObject({ written: [], unchanged: [G1], seq: 0 });
      expect(store.changes(0, 100)).toHaveLength(before);
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:title "A2" .') }]);
      expect(await rows(store, 'SELECT ?t { ?s <http://ex.org/title> ?t } ORDER BY ?t')).toEqual([{ t: 'A2' }, { t: 'B' }]);
    });

    it('keeps blank nodes of a record intact and separate from other records', async () => {
      await store.putGraphs([
        { graph: G1, quads: ttl('ex:a ex:p [ ex:q 1 ] .') },
        { graph: G2, quads: ttl('ex:b ex:p [ ex:q 2 ] .') },
      ]);
      const r = await rows(store, 'SELECT ?s ?v { ?s <http://ex.org/p> ?b . ?b <http://ex.org/q> ?v } ORDER BY ?v');
      expect(r).toEqual([
        { s: 'http://ex.org/a', v: '1' },
        { s: 'http://ex.org/b', v: '2' },
      ]);
    });

    it('deletes a graph leaving a tombstone and a change-log entry', async () => {
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:title "A" .') }]);
      const r = await store.deleteGraphs([G1]);
      expect(r.written).toEqual([G1]);
      expect(store.graphInfo(G1)?.deletedAt).toBeTruthy();
      expect(await count(store, 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')).toBe(0);
      expect(store.changes(0, 10).map((c) => c.op)).toEqual(['put', 'delete']);
      expect(store.listGraphs().map((g) => g.iri)).not.toContain(G1);
    });

    it('keeps the source record a graph was mapped from until the graph is replaced without one or deleted', async () => {
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 1 .'), original: { format: 'marc21', body: '{"leader":"x"}' } }]);
      expect(store.original(G1)).toEqual({ format: 'marc21', body: '{"leader":"x"}' });
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 2 .') }]);
      expect(store.original(G1)).toBeUndefined();
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 3 .'), original: { format: 'marc21', body: '{}' } }]);
      await store.deleteGraphs([G1]);
      expect(store.original(G1)).toBeUndefined();
    });

    it('returns each version of a record graph as it was after its change', async () => {
      const v1 = (await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 1 .') }])).seq;
      const v2 = (await store.update(`INSERT DATA { GRAPH <${G1}> { <http://ex.org/a> <http://ex.org/p> 2 } }`)).seq;
      const v3 = (await store.deleteGraphs([G1])).seq;
      const values = (seq: number) =>
        store
          .version(seq)
          ?.map((q) => q.object.value)
          .sort();
      expect(values(v1)).toEqual(['1']);
      expect(values(v2)).toEqual(['1', '2']);
      expect(store.version(v3)).toBeUndefined();
      expect(store.version(999)).toBeUndefined();
    });

    it('adds to a graph without duplicating quads', async () => {
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 1 .') }]);
      const r = await store.addToGraph(G1, ttl('ex:a ex:p 1 , 2 .'));
      expect(r.added).toBe(1);
      expect(store.graphInfo(G1)?.quads).toBe(2);
    });

    it('runs updates against the real default graph and named graphs', async () => {
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 1 .') }]);
      await store.update('INSERT DATA { <http://ex.org/d> <http://ex.org/p> 9 }');
      expect(store.graphInfo('')?.quads).toBe(1);
      // WHERE without GRAPH sees only the real default graph.
      await store.update('DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }');
      expect(store.graphInfo('')?.quads).toBe(0);
      expect(store.graphInfo(G1)?.quads).toBe(1);
      await store.update(`DELETE { GRAPH ?g { ?s ?p ?o } } INSERT { GRAPH <${G2}> { ?s ?p 2 } } WHERE { GRAPH ?g { ?s ?p ?o } }`);
      expect(store.graphInfo(G1)?.quads).toBe(0);
      expect(await rows(store, 'SELECT ?g ?o { GRAPH ?g { ?s ?p ?o } }')).toEqual([{ g: G2, o: '2' }]);
    });

    it('honours USING from the protocol over the default graph', async () => {
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 1 .') }]);
      await store.update('INSERT { ?s <http://ex.org/seen> true } WHERE { ?s ?p ?o }', { usingGraphs: [G1] });
      expect(await count(store, 'SELECT (COUNT(*) AS ?n) { ?s <http://ex.org/seen> ?o }')).toBe(1);
      expect(store.graphInfo('')?.quads).toBe(1);
    });

    it('persists the concrete result of NOW(), UUID() and BNODE() so a restart replays it exactly', async () => {
      await store.update(
        'INSERT { <http://ex.org/x> <http://ex.org/at> ?t ; <http://ex.org/id> ?u ; <http://ex.org/b> ?b } WHERE { BIND(NOW() AS ?t) BIND(UUID() AS ?u) BIND(BNODE() AS ?b) }',
      );
      const q = 'SELECT ?t ?u ?b { <http://ex.org/x> <http://ex.org/at> ?t ; <http://ex.org/id> ?u ; <http://ex.org/b> ?b }';
      const before = await rows(store, q);
      expect(before).toHaveLength(1);
      store = await harness.reopen(store);
      expect(await rows(store, q)).toEqual(before);
    });

    it('evaluates the operations of one request in order, and undoes them all when one fails', async () => {
      await store.update('INSERT DATA { <http://ex.org/a> <http://ex.org/p> 1 } ; INSERT { ?s <http://ex.org/q> ?o } WHERE { ?s <http://ex.org/p> ?o }');
      expect(await count(store, 'SELECT (COUNT(*) AS ?n) { ?s <http://ex.org/q> 1 }')).toBe(1);
      const size = store.size();
      expect(await code(store.update('INSERT DATA { <http://ex.org/z> <http://ex.org/p> 5 } ; LOAD <http://example.invalid/x>'))).toBe('UPDATE_UNSUPPORTED');
      expect(store.size()).toBe(size);
      expect(await count(store, 'SELECT (COUNT(*) AS ?n) { <http://ex.org/z> ?p ?o }')).toBe(0);
    });

    it('supports graph management: COPY, MOVE, ADD, CLEAR, DROP', async () => {
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 1 .') }]);
      await store.update(`COPY <${G1}> TO <${G2}>`);
      expect(store.graphInfo(G2)?.quads).toBe(1);
      await store.update(`ADD <${G1}> TO DEFAULT`);
      expect(store.graphInfo('')?.quads).toBe(1);
      await store.update(`MOVE <${G2}> TO <http://ex.org/graph/3>`);
      expect(store.graphInfo(G2)?.quads ?? 0).toBe(0);
      expect(store.graphInfo('http://ex.org/graph/3')?.quads).toBe(1);
      await store.update('CLEAR ALL');
      expect(store.size()).toBe(0);
    });

    it('restricts the dataset with default-graph-uri and named-graph-uri', async () => {
      await store.putGraphs([
        { graph: G1, quads: ttl('ex:a ex:p 1 .') },
        { graph: G2, quads: ttl('ex:b ex:p 2 .') },
      ]);
      expect(await count(store, 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }', { defaultGraphs: [G1] })).toBe(1);
      expect(await rows(store, 'SELECT ?g { GRAPH ?g { ?s ?p ?o } }', { namedGraphs: [G2] })).toEqual([{ g: G2 }]);
      expect(await count(store, 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }', { namedGraphs: [G2] })).toBe(0);
    });

    it("lets the query's FROM / FROM NAMED pick the dataset, and the protocol's dataset win over them", async () => {
      await store.putGraphs([
        { graph: G1, quads: ttl('ex:a ex:p 1 .') },
        { graph: G2, quads: ttl('ex:b ex:p 2 . ex:c ex:p 3 .') },
      ]);
      const n = (q: string, o?: { defaultGraphs?: string[]; namedGraphs?: string[] }) => count(store, `SELECT (COUNT(*) AS ?n) ${q}`, o);
      expect(await n('{ ?s ?p ?o }')).toBe(3);
      expect(await n('FROM <http://ex.org/nonexistent> { ?s ?p ?o }')).toBe(0);
      expect(await n(`FROM <${G1}> { ?s ?p ?o }`)).toBe(1);
      expect(await n(`FROM <${G1}> FROM <${G2}> { ?s ?p ?o }`)).toBe(3);
      // FROM NAMED alone: the default graph is empty; FROM alone: there are no named graphs.
      expect(await n(`FROM NAMED <${G1}> { ?s ?p ?o }`)).toBe(0);
      expect(await n(`FROM <${G1}> { GRAPH ?g { ?s ?p ?o } }`)).toBe(0);
      expect(await rows(store, `SELECT DISTINCT ?g FROM NAMED <${G2}> { GRAPH ?g { ?s ?p ?o } }`)).toEqual([{ g: G2 }]);
      expect(await n(`FROM <${G1}> { ?s ?p ?o }`, { defaultGraphs: [G2] })).toBe(2);
      expect(await n(`FROM NAMED <${G1}> { GRAPH ?g { ?s ?p ?o } }`, { namedGraphs: [G2] })).toBe(2);
      // A query sparqljs crashes on (a blank-node template, W3C construct-3) still gets its FROM.
      const built = await store.query(`CONSTRUCT { [ <http://ex.org/about> ?s ] } FROM <${G2}> WHERE { ?s ?p ?o }`, { format: 'application/n-triples' });
      expect(built.body.trim().split('\n')).toHaveLength(2);
    });

    it('serializes results in every supported format and refuses impossible ones', async () => {
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p "x" .') }]);
      expect((await store.query('SELECT * { ?s ?p ?o }', { format: 'text/csv' })).body).toContain('http://ex.org/a');
      expect((await store.query('SELECT * { ?s ?p ?o }', { format: 'application/sparql-results+xml' })).body).toContain('<sparql');
      expect((await store.query('ASK { ?s ?p "x" }')).body).toContain('true');
      const ttlOut = (await store.query('CONSTRUCT WHERE { ?s ?p ?o }', { format: 'text/turtle' })).body;
      expect(new N3.Parser().parse(ttlOut)).toHaveLength(1);
      expect(await code(store.query('CONSTRUCT WHERE { ?s ?p ?o }', { format: 'text/csv' }))).toBe('NOT_ACCEPTABLE');
    });

    it('reports syntax errors with a stable code', async () => {
      expect(await code(store.query('SELECT * {'))).toBe('QUERY_SYNTAX');
      expect(await code(store.update('INSERT DATA {'))).toBe('UPDATE_SYNTAX');
    });

    it('matches quad patterns with RDF/JS terms', async () => {
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 1 ; ex:q 2 .') }]);
      const m = await store.match(null, N3.DataFactory.namedNode('http://ex.org/q'), null, null);
      expect(m).toHaveLength(1);
      expect(m[0]?.graph.value).toBe(G1);
    });

    it('refuses writes beyond the quad budget and keeps nothing of them', async () => {
      const big = Array.from({ length: 600 }, (_, i) => `ex:s${i} ex:p ${i} .`).join('\n');
      await store.putGraphs([{ graph: G1, quads: ttl(big) }]);
      const err = await code(store.putGraphs([{ graph: G2, quads: ttl(big) }]));
      expect(err).toBe('QUOTA_EXCEEDED');
      expect(store.size()).toBe(600);
      expect(store.graphInfo(G2)?.quads ?? 0).toBe(0);
      expect(
        await code(store.update(`INSERT DATA { ${Array.from({ length: 500 }, (_, i) => `<http://ex.org/u${i}> <http://ex.org/p> ${i} .`).join(' ')} }`)),
      ).toBe('QUOTA_EXCEEDED');
      expect(await count(store, 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')).toBe(600);
      // Still answering, and smaller writes still go through.
      await store.putGraphs([{ graph: G2, quads: ttl('ex:ok ex:p 1 .') }]);
      expect(store.size()).toBe(601);
    });

    it('keeps a gapless change log and tells listeners', async () => {
      const seen: number[] = [];
      const off = store.onChange((e) => seen.push(e.lastSeq));
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p 1 .') }]);
      await store.update('INSERT DATA { GRAPH <http://ex.org/graph/2> { <http://ex.org/b> <http://ex.org/p> 2 } }');
      await store.deleteGraphs([G1]);
      off();
      const log = store.changes(0, 100);
      expect(log.map((c) => c.seq)).toEqual([1, 2, 3]);
      expect(seen).toEqual([1, 2, 3]);
      expect(store.changes(2, 100).map((c) => c.graph)).toEqual([G1]);
    });

    it('keeps write tokens as hashes, lists and revokes them, across a restart', async () => {
      const a = store.tokens.add('harvester', 'aa'.repeat(32));
      store.tokens.add('ci', 'bb'.repeat(32));
      store.tokens.add('ci', 'cc'.repeat(32));
      expect(a).toMatchObject({ name: 'harvester' });
      expect(Number.isNaN(Date.parse(a.createdAt))).toBe(false);
      store = await harness.reopen(store);
      expect(store.tokens.list().map((t) => t.name)).toEqual(['harvester', 'ci', 'ci']);
      expect(store.tokens.hashes().sort()).toEqual(['aa'.repeat(32), 'bb'.repeat(32), 'cc'.repeat(32)]);
      expect(store.tokens.revoke({ name: 'ci' })).toBe(2);
      expect(store.tokens.revoke({ id: a.id + 100 })).toBe(0);
      expect(store.tokens.hashes()).toEqual(['aa'.repeat(32)]);
      expect(store.tokens.revoke({ id: a.id })).toBe(1);
      expect(store.tokens.list()).toEqual([]);
    });

    it('keeps metadata and the recorded base IRI across a restart, apart from the data', async () => {
      expect(store.metadata('demo-loaded')).toBeUndefined();
      store.setMetadata('demo-loaded', '2026-12-07T20:00:00.000Z');
      store.setMetadata('demo-loaded', '2026-12-07T21:00:00.000Z');
      store.recordBaseIri('http://data.example.org/');
      store = await harness.reopen(store);
      expect(store.metadata('demo-loaded')).toBe('2026-12-07T21:00:00.000Z');
      expect(store.recordedBaseIri()).toBe('http://data.example.org/');
      expect(store.stats()).toMatchObject({ quads: 0, lastSeq: 0 });
      expect(store.changes(0, 10)).toEqual([]);
    });

    it('finds no bad graphs among what it accepted, and counts every graph it checked', async () => {
      await store.putGraphs([
        { graph: G1, quads: ttl('ex:a ex:p "x" .') },
        { graph: G2, quads: ttl('ex:b ex:p [ ex:q 1 ] .') },
      ]);
      await store.update('INSERT DATA { <http://ex.org/d> <http://ex.org/p> 1 }');
      expect(store.findBadGraphs()).toEqual({ checked: 3, bad: [] });
      expect(store.stats().quarantined ?? []).toEqual([]);
    });

    it('dumps every quad as N-Quads and TriG', async () => {
      await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:p [ ex:q "x" ] .') }]);
      await store.update('INSERT DATA { <http://ex.org/d> <http://ex.org/p> 1 }');
      for (const format of ['application/n-quads', 'application/trig'] as const) {
        const out = new PassThrough();
        let text = '';
        out.on('data', (c) => {
          text += c;
        });
        expect(await store.dump(out, format)).toBe(3);
        const quads = new N3.Parser({ format: format === 'application/trig' ? 'application/trig' : 'N-Quads' }).parse(text);
        expect(quads).toHaveLength(3);
        expect(quads.filter((q) => q.graph.value === G1)).toHaveLength(2);
      }
    });
  });
}
