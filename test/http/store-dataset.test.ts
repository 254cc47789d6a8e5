import N3 from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const EX = 'http://example.org/';
const TRIG = `@prefix dct: <http://purl.org/dc/terms/> .
<${EX}d1> { <${EX}work1> dct:title "One" ; dct:creator _:ada . }
<${EX}d2> { <${EX}work2> dct:title "Two" ; dct:creator _:ada . _:ada dct:title "Ada" . }
<${EX}loose> dct:title "in the default graph" .`;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const post = (payload: string, type: string, auth = true) =>
  s.app.inject({ method: 'POST', url: '/store', headers: { 'content-type': type, ...(auth ? s.auth : {}) }, payload });

describe('dataset-level Graph Store requests (as Fuseki serves them)', () => {
  it('POST of TriG to the store puts each quad in the graph it names, in one transaction, sharing blank nodes', async () => {
    const r = await post(TRIG, 'application/trig');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ quads: 6, added: 6 });
    expect(r.json().graphs.sort()).toEqual(['', `${EX}d1`, `${EX}d2`]);
    expect(s.store.graphInfo(`${EX}d1`)?.quads).toBe(2);
    expect(s.store.graphInfo(`${EX}d2`)?.quads).toBe(3);
    expect(await s.store.getGraph('')).toHaveLength(1);
    // _:ada is one node in the document, so in both graphs.
    const creator = async (g: string) => (await s.store.getGraph(g)).find((q) => q.predicate.value.endsWith('creator'))?.object;
    expect((await creator(`${EX}d1`))?.termType).toBe('BlankNode');
    expect((await creator(`${EX}d1`))?.equals(await creator(`${EX}d2`))).toBe(true);
  });

  it('GET on the store returns the whole dataset as TriG or N-Quads, and refuses triple-only formats with 406', async () => {
    for (const type of ['application/trig', 'application/n-quads']) {
      const r = await s.app.inject({ method: 'GET', url: '/store', headers: { accept: type } });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain(type);
      const got = new N3.Parser({ format: type === 'application/trig' ? 'TriG' : 'N-Quads' }).parse(r.body);
      const expected = new N3.Parser({ format: 'TriG' }).parse(TRIG);
      expect(isomorphic(got, expected)).toBe(true);
    }
    const turtle = await s.app.inject({ method: 'GET', url: '/store', headers: { accept: 'text/turtle' } });
    expect(turtle.statusCode).toBe(406);
    expect(turtle.json().detail).toMatch(/\?graph=IRI/);
  });

  it('a broken TriG payload is refused with 400 and changes nothing; without a token, 401', async () => {
    const before = s.store.stats().lastSeq;
    const broken = await post(`<${EX}d3> { <${EX}work3> <${EX}p> "ok" . }\n<${EX}d4> { <${EX}work4> <${EX}p> `, 'application/trig');
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');
    expect((await post(TRIG, 'application/n-quads', false)).statusCode).toBe(401);
    expect(s.store.stats().lastSeq).toBe(before);
    expect(s.store.graphInfo(`${EX}d3`)).toBeUndefined();
  });

  it('a Turtle POST to the store still creates a new graph and says where (GSP §5.5)', async () => {
    const r = await post(`<${EX}work5> <${EX}p> "five" .`, 'text/turtle');
    expect(r.statusCode).toBe(201);
    expect(s.store.graphInfo(String(r.headers.location))?.quads).toBe(1);
  });
});
