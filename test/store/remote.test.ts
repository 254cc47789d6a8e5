/** What only the remote adapter has to get right: a remote that goes away, comes back empty or behind, or is slow. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, tokenHashesOf } from '../../src/app.js';
import { openStore } from '../../src/cli/open-store.js';
import { configFrom } from '../../src/cli/options.js';
import { LibkgError } from '../../src/errors.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { QuadStore } from '../../src/store/port.js';
import { openRemoteStore } from '../../src/store/remote/index.js';
import { lacks } from '../helpers/clients.js';
import { launchVirtuoso, type Virtuoso } from '../helpers/virtuoso.js';

const ttl = (text: string) => new N3.Parser({ format: 'text/turtle' }).parse(`@prefix ex: <http://ex.org/> .\n${text}`);
const G1 = 'http://ex.org/graph/1';
const G2 = 'http://ex.org/graph/2';

let virtuoso: Virtuoso;
let dir = '';

beforeAll(async () => {
  virtuoso = await launchVirtuoso({ anonymousUpdate: true });
}, 120_000);
afterAll(async () => {
  await virtuoso?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-remote-'));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await virtuoso.dropData();
});

const open = () =>
  openRemoteStore({
    dataDir: dir,
    quadBudget: 100_000,
    queryTimeoutMs: 10_000,
    maxResultBytes: 10_000_000,
    remote: { endpoint: virtuoso.endpoint, retryMs: 100, verifyMs: 100, pushTimeoutMs: 5_000 },
  });

/** Quads per graph as the remote itself holds them (asked directly, not through the adapter). */
async function remoteCounts(): Promise<Record<string, number>> {
  const res = await fetch(virtuoso.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
    body: new URLSearchParams({ query: 'SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "http://ex.org/")) } GROUP BY ?g' }),
  });
  const rows = ((await res.json()) as { results: { bindings: { g: { value: string }; n: { value: string } }[] } }).results.bindings;
  return Object.fromEntries(rows.map((r) => [r.g.value, Number(r.n.value)]));
}

const titles = async (s: QuadStore) =>
  JSON.parse((await s.query('SELECT ?t { ?s <http://ex.org/title> ?t } ORDER BY ?t')).body).results.bindings.map((b: { t: { value: string } }) => b.t.value);

async function errorOf(p: Promise<unknown>): Promise<LibkgError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LibkgError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

/** Restarts Virtuoso on the same ports: with its database (behind the journal) or a new one (empty). */
async function restartVirtuoso(keepData: boolean): Promise<void> {
  const { dir: vdir, sqlPort, httpPort } = virtuoso;
  await virtuoso.stop({ keep: keepData });
  virtuoso = await launchVirtuoso({ anonymousUpdate: true, sqlPort, httpPort, dir: keepData ? vdir : undefined });
}

async function waitReady(s: QuadStore): Promise<void> {
  const until = Date.now() + 20_000;
  while (s.stats().engines[0]?.state !== 'ready') {
    if (Date.now() > until) throw new Error(`remote not caught up: ${JSON.stringify(s.stats().engines)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(lacks('virtuoso'))('remote store adapter (real Virtuoso)', () => {
  it('mirrors each write to the remote: blank nodes as skolem IRIs, the private default graph under its own IRI', async () => {
    const store = await open();
    await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:title "A" ; ex:p [ ex:q 1 ] .') }]);
    await store.update('INSERT DATA { <http://ex.org/d> <http://ex.org/title> "D" }');
    expect(await remoteCounts()).toEqual({ [G1]: 3 });
    expect(await titles(store)).toEqual(['A', 'D']);
    // Clients see a blank node, not the skolem IRI.
    const b = JSON.parse((await store.query('SELECT ?b { <http://ex.org/a> <http://ex.org/p> ?b }')).body).results.bindings[0].b;
    expect(b.type).toBe('bnode');
    expect((await store.query('SELECT ?b { ?a <http://ex.org/p> ?b FILTER(isBlank(?b)) }', { format: 'text/tab-separated-values' })).body).toMatch(
      /\n_:b[0-9a-f]+\n$/,
    );
    // GRAPH ?g does not list the private default graph.
    const graphs = JSON.parse((await store.query('SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }')).body).results.bindings.map(
      (r: { g: { value: string } }) => r.g.value,
    );
    expect(graphs).toEqual([G1]);
    await store.close();
  });

  it('keeps writes made while the remote is down, answers queries with REMOTE_UNAVAILABLE, and catches up when it is back', async () => {
    const store = await open();
    await store.putGraphs([
      { graph: G1, quads: ttl('ex:a ex:title "A" .') },
      { graph: G2, quads: ttl('ex:b ex:title "B" .') },
    ]);
    const { dir: vdir, sqlPort, httpPort } = virtuoso;
    await virtuoso.stop({ keep: true });
    // Acknowledged while the remote is down: the journal has them.
    const put = await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:title "A2" ; ex:p [ ex:q 1 ] .') }]);
    expect(put.written).toEqual([G1]);
    await store.deleteGraphs([G2]);
    const err = await errorOf(store.query('SELECT * { ?s ?p ?o }'));
    expect(err.code).toBe('REMOTE_UNAVAILABLE');
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/cannot be reached.*wait in the journal/);
    expect(store.stats().engines[0]?.state).toBe('unavailable');
    expect(store.size()).toBe(3);
    // Back with the data it had: behind by the two writes; the background retry catches it up.
    virtuoso = await launchVirtuoso({ anonymousUpdate: true, sqlPort, httpPort, dir: vdir });
    await waitReady(store);
    expect(await remoteCounts()).toEqual({ [G1]: 3 });
    expect(await titles(store)).toEqual(['A2']);
    await store.close();
  }, 60_000);

  it('pushes everything again to a remote that came back empty', async () => {
    const store = await open();
    await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:title "A" ; ex:p [ ex:q 1 ] .') }]);
    await store.update('INSERT DATA { <http://ex.org/d> <http://ex.org/title> "D" }');
    const before = (await store.query('SELECT ?s ?b { ?s <http://ex.org/p> ?b }')).body;
    await restartVirtuoso(false);
    // The periodic check finds the remote without libkg's marker and pushes the journal again.
    const until = Date.now() + 20_000;
    while ((await remoteCounts())[G1] !== 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await titles(store)).toEqual(['A', 'D']);
    expect((await store.query('SELECT ?s ?b { ?s <http://ex.org/p> ?b }')).body).toBe(before);
    expect(await remoteCounts()).toEqual({ [G1]: 3 });
    await store.close();
  }, 60_000);

  it('catches up after its own restart with writes the CLI made to the journal meanwhile', async () => {
    let store: QuadStore = await open();
    await store.putGraphs([{ graph: G1, quads: ttl('ex:a ex:title "A" .') }]);
    await store.close();
    // `libkg import` opens the journal alone (no engines, no remote).
    const cli = await EmbeddedStore.open({ dataDir: dir, quadBudget: 100_000, engines: 0, queryTimeoutMs: 1000, maxResultBytes: 1000 });
    await cli.putGraphs([{ graph: G2, quads: ttl('ex:b ex:title "B" .') }]);
    await cli.deleteGraphs([G1]);
    await cli.close();
    expect(await remoteCounts()).toEqual({ [G1]: 1 });
    store = await open();
    expect(await remoteCounts()).toEqual({ [G2]: 1 });
    expect(await titles(store)).toEqual(['B']);
    await store.close();
  });

  it('refuses to open against a remote that does not let it write, saying why', async () => {
    await virtuoso.isql('REVOKE SPARQL_UPDATE FROM "SPARQL";');
    try {
      const err = await errorOf(open());
      expect(err.code).toBe('REMOTE_FAILED');
      expect(err.status).toBe(502);
      expect(err.message).toMatch(/refused a write \(does its user have update rights/);
    } finally {
      await virtuoso.isql('GRANT SPARQL_UPDATE TO "SPARQL";');
    }
  });

  it('stops a query at its timeout with QUERY_TIMEOUT and keeps answering', async () => {
    const store = await open();
    await store.putGraphs([{ graph: G1, quads: ttl(Array.from({ length: 2000 }, (_, i) => `ex:s${i} ex:p ${i} .`).join('\n')) }]);
    const t0 = Date.now();
    const err = await errorOf(store.query('SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', { timeoutMs: 500 }));
    expect(err.code).toBe('QUERY_TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(JSON.parse((await store.query('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')).body).results.bindings[0].n.value).toBe('2000');
    await store.close();
  }, 30_000);
});

describe.skipIf(lacks('virtuoso'))('libkg serve --remote-sparql', () => {
  it('serves SPARQL and the Graph Store from the journal mirrored to the remote, and answers 503 while the remote is down', async () => {
    const config = configFrom({ 'data-dir': dir, 'remote-sparql': virtuoso.endpoint }, { LIBKG_WRITE_TOKENS: 'tok', LIBKG_LOG_LEVEL: 'warn' });
    const store = await openStore(config, config.engines);
    const app = await buildApp(config, { store, storedTokenHashes: tokenHashesOf(store) });
    const auth = { authorization: 'Bearer tok' };
    try {
      const put = await app.inject({
        method: 'PUT',
        url: `/store?graph=${encodeURIComponent(G1)}`,
        headers: { ...auth, 'content-type': 'text/turtle' },
        payload: '<http://ex.org/a> <http://ex.org/title> "A" .',
      });
      expect(put.statusCode).toBeLessThan(300);
      const upd = await app.inject({
        method: 'POST',
        url: '/sparql',
        headers: { ...auth, 'content-type': 'application/sparql-update' },
        payload: `INSERT { GRAPH <${G2}> { ?s <http://ex.org/title> "B" } } WHERE { GRAPH <${G1}> { ?s ?p ?o } }`,
      });
      expect(upd.statusCode).toBeLessThan(300);
      expect(await remoteCounts()).toEqual({ [G1]: 1, [G2]: 1 });
      const q = await app.inject({
        method: 'GET',
        url: `/sparql?query=${encodeURIComponent('SELECT ?t { ?s <http://ex.org/title> ?t } ORDER BY ?t')}`,
        headers: { accept: 'text/csv' },
      });
      expect(q.statusCode).toBe(200);
      expect(q.body.trim().split(/\r?\n/)).toEqual(['t', 'A', 'B']);
      const { dir: vdir, sqlPort, httpPort } = virtuoso;
      await virtuoso.stop({ keep: true });
      try {
        const down = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}` });
        expect(down.statusCode).toBe(503);
        expect(down.json()).toMatchObject({ code: 'REMOTE_UNAVAILABLE' });
        expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
      } finally {
        virtuoso = await launchVirtuoso({ anonymousUpdate: true, sqlPort, httpPort, dir: vdir });
      }
    } finally {
      await app.close();
      await store.close();
    }
  }, 60_000);
});
