import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyGraphqlFields, manyOrs, manyTriples, manyUnions, manyValues, nestedGroups } from '../helpers/hostile-queries.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { DataFactory: F } = N3;
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';

interface Problem {
  status: number;
  code: string;
  detail: string;
  limit?: string;
  setting?: string;
}

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ listen: true, engines: 2 });
  const quads = Array.from({ length: 50 }, (_, i) => F.quad(F.namedNode(`http://ex.org/s${i}`), F.namedNode('http://ex.org/p'), F.literal(String(i))));
  await s.store.putGraphs([{ graph: 'http://ex.org/g', quads }]);
});
afterAll(() => s.close());

const postQuery = (text: string) => fetch(`${s.url}sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: text });
const postForm = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${s.url}sparql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(params) });
const problem = async (r: Response) => ({ status: r.status, ...((await r.json()) as Omit<Problem, 'status'>) });

/** Distinct texts, so the result cache cannot answer for an engine. */
let probe = 0;
const count = async () => {
  const r = await fetch(`${s.url}sparql?query=${encodeURIComponent(`${COUNT} # probe ${probe++}`)}`);
  return r.status === 200 ? Number(((await r.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]?.n.value) : r.status;
};

/** Every engine answers (queries in parallel spread over the least busy ones), an update commits, /health says ok with no trap. */
async function everyEngineStillAnswers(): Promise<void> {
  expect(await Promise.all(Array.from({ length: 6 }, count))).toEqual(Array(6).fill(50));
  const graph = `http://ex.org/u${probe}`;
  const update = await postForm({ update: `INSERT DATA { GRAPH <${graph}> { <http://ex.org/x> <http://ex.org/p> "u" } }` }, s.auth);
  expect(update.status).toBe(200);
  const health = (await (await fetch(`${s.url}health`)).json()) as { status: string; engines: { state: string }[]; enginePool: { traps: number } };
  expect(health.status).toBe('ok');
  expect(health.engines.map((e) => e.state)).toEqual(['ready', 'ready']);
  expect(health.enginePool.traps).toBe(0);
  const del = await postForm({ update: `DROP GRAPH <${graph}>` }, s.auth);
  expect(del.status).toBe(200);
}

describe('query-shape limits refuse hostile queries before an engine sees them', () => {
  it('a 2,000-deep group nesting: 400 QUERY_TOO_COMPLEX naming the depth limit and its setting', async () => {
    const p = await problem(await postQuery(nestedGroups(2000)));
    expect(p).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxQueryDepth', setting: 'LIBKG_MAX_QUERY_DEPTH' });
    expect(p.detail).toMatch(/more than 200 levels deep.*LIBKG_MAX_QUERY_DEPTH/);
    await everyEngineStillAnswers();
  });

  it('a UNION of 20,000 branches (in a form body) and a FILTER of 20,000 ORs: refused before parsing, as too long', async () => {
    const unions = await problem(await postForm({ query: manyUnions(20_000, true) }));
    expect(unions).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxQueryChars', setting: 'LIBKG_MAX_QUERY_CHARS' });
    expect(unions.detail).toBe(`the query has ${manyUnions(20_000, true).length} characters; the limit is 131072 (LIBKG_MAX_QUERY_CHARS)`);
    expect(await problem(await postQuery(manyOrs(20_000)))).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxQueryChars' });
    await everyEngineStillAnswers();
  });

  it('UNION branches, ORs, VALUES rows, triple patterns over their limits (texts short enough to be parsed)', async () => {
    const unions = await problem(await postForm({ query: manyUnions(5000, true) }));
    expect(unions).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxUnionBranches' });
    expect(unions.detail).toBe('the query has 5000 UNION branches; the limit is 1000 (LIBKG_MAX_UNION_BRANCHES)');
    const ors = await problem(await postQuery(manyOrs(5000)));
    expect(ors).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxExpressionNodes', setting: 'LIBKG_MAX_EXPRESSION_NODES' });
    const values = `SELECT * WHERE { VALUES ?n { ${Array.from({ length: 10_001 }, (_, i) => i).join(' ')} } }`;
    expect(await problem(await postQuery(values))).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxValuesRows' });
    expect(await problem(await postQuery(manyTriples(501)))).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxTriplePatterns' });
    const get = await fetch(`${s.url}sparql?query=${encodeURIComponent(nestedGroups(1000))}`);
    expect(await problem(get)).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxQueryDepth' });
    await everyEngineStillAnswers();
  });

  it('shapes at the limits are answered', async () => {
    expect((await postQuery(nestedGroups(150))).status).toBe(200);
    expect((await postQuery(manyUnions(300))).status).toBe(200);
    expect((await postQuery(manyOrs(300))).status).toBe(200);
    expect((await postQuery(manyValues(2000))).status).toBe(200);
    // Brackets inside strings, IRIs and comments are not nesting.
    const quoted = `SELECT * WHERE { ?s ?p ?o FILTER(?o != "${'{'.repeat(500)}" && ?s != <http://ex.org/${'('.repeat(500)}>) } # ${'['.repeat(500)}`;
    expect((await postQuery(quoted)).status).toBe(200);
  });

  it('updates are checked too (after the token)', async () => {
    const deep = `INSERT { <http://ex.org/a> <http://ex.org/b> "c" } WHERE ${nestedGroups(2000).slice('SELECT * WHERE '.length)}`;
    expect((await postForm({ update: deep })).status).toBe(401);
    expect(await problem(await postForm({ update: deep }, s.auth))).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxQueryDepth' });
    const unions = `DELETE { ?s ?p ?o } WHERE { ${Array.from({ length: 5000 }, (_, i) => `{ ?s ?p ${i} }`).join(' UNION ')} }`;
    expect(await problem(await postForm({ update: unions }, s.auth))).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxUnionBranches' });
    // INSERT DATA carries data: its triples are not patterns.
    const data = `INSERT DATA { GRAPH <http://ex.org/bulk> { ${Array.from({ length: 3000 }, (_, i) => `<http://ex.org/b${i}> <http://ex.org/p> ${i} .`).join(' ')} } }`;
    expect((await postForm({ update: data }, s.auth)).status).toBe(200);
    expect((await postForm({ update: 'DROP GRAPH <http://ex.org/bulk>' }, s.auth)).status).toBe(200);
    await everyEngineStillAnswers();
  });

  it('a GraphQL-LD query with 3,000 sibling fields', async () => {
    const r = await fetch(`${s.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: manyGraphqlFields(3000) }),
    });
    const p = await problem(r);
    expect(p).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxGraphqlFields', setting: 'LIBKG_MAX_GRAPHQL_FIELDS' });
    expect(p.detail).toBe('the query has 3001 fields (fragments expanded); the limit is 500 (LIBKG_MAX_GRAPHQL_FIELDS)');
    const deep = `{ id @single ${'creator { '.repeat(20)}name @single${' }'.repeat(20)} }`;
    expect(await problem(await fetch(`${s.url}graphql?query=${encodeURIComponent(deep)}`))).toMatchObject({ status: 400, limit: 'maxGraphqlDepth' });
    await everyEngineStillAnswers();
  });

  it('a 10,000-deep query is refused at once, and /health answers within 200 ms while it is sent', async () => {
    const text = nestedGroups(10_000);
    const times: number[] = [];
    const t0 = performance.now();
    const refused = postQuery(text).then(problem);
    for (let i = 0; i < 10; i++) {
      const h0 = performance.now();
      expect((await fetch(`${s.url}health`)).status).toBe(200);
      times.push(performance.now() - h0);
    }
    expect(await refused).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'maxQueryDepth' });
    expect(Math.max(...times)).toBeLessThan(200);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
