/** Invalid IRIs and body encodings on the write paths: refused with a clear 400, nothing stored, SPARQL keeps answering. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const EX = 'http://example.org/';
const TTL = `<${EX}s> <${EX}p> "v" .`;
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const put = (graph: string, payload: string | Buffer, type = 'text/turtle') =>
  s.app.inject({ method: 'PUT', url: `/store?graph=${encodeURIComponent(graph)}`, headers: { 'content-type': type, ...s.auth }, payload });
const update = (text: string | Buffer, type = 'application/sparql-update') =>
  s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': type, ...s.auth }, payload: text });
const count = async () => {
  const r = await s.app.inject({
    url: `/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')}`,
    headers: { accept: 'application/sparql-results+json' },
  });
  expect(r.statusCode).toBe(200);
  return Number(r.json().results.bindings[0].n.value);
};

const FORBIDDEN = [' ', '<', '>', '"', '{', '}', '|', '^', '`', '\\', '\u0000', '\n', '\u001f', '\u007f'];

describe('Graph Store: graph names that are not IRIs', () => {
  it.each(FORBIDDEN.map((c) => [JSON.stringify(c), c]))('PUT ?graph= holding %s answers 400 INVALID_IRI and stores nothing', async (_shown, c) => {
    const graphs = s.store.listGraphs().length;
    const r = await put(`${EX}g${c}x`, TTL);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'INVALID_IRI', iri: expect.stringContaining('http://example.org/g') });
    expect(r.json().detail).toMatch(/graph <http:\/\/example\.org\/g.*x> is not a valid IRI: .*position 20/);
    expect(s.store.listGraphs()).toHaveLength(graphs);
  });

  it('a graph= crafted to inject quads is refused and injects nothing', async () => {
    const evil = `${EX}g> .\n<http://evil/s> <http://evil/p> <http://evil/o> <http://evil/g`;
    const before = await count();
    const r = await put(evil, TTL);
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('INVALID_IRI');
    expect(r.json().detail).not.toContain('\n');
    const post = await s.app.inject({
      method: 'POST',
      url: `/store?graph=${encodeURIComponent(evil)}`,
      headers: { 'content-type': 'text/turtle', ...s.auth },
      payload: TTL,
    });
    expect(post.statusCode).toBe(400);
    expect(await count()).toBe(before);
    expect(s.store.graphInfo('http://evil/g')).toBeUndefined();
  });

  it('an IRI in the body that Oxigraph would refuse (%zz, no scheme after a quad format) answers 400', async () => {
    const r = await put(`${EX}body`, `<${EX}a%zz> <${EX}p> "v" .`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INVALID_IRI' });
    expect(r.json().detail).toContain('%zz');
    expect(s.store.graphInfo(`${EX}body`)).toBeUndefined();
    // A TriG payload naming a bad graph: nothing of it is written.
    const trig = await s.app.inject({
      method: 'POST',
      url: '/store',
      headers: { 'content-type': 'application/trig', ...s.auth },
      payload: `<${EX}ok> { <${EX}s> <${EX}p> "1" } <${EX}bad%g> { <${EX}s> <${EX}p> "2" }`,
    });
    expect(trig.statusCode).toBe(400);
    expect(s.store.graphInfo(`${EX}ok`)).toBeUndefined();
  });

  it('after all that the store still answers SPARQL and accepts good writes', async () => {
    expect((await put(`${EX}good`, TTL)).statusCode).toBe(201);
    expect(await count()).toBeGreaterThan(0);
  });
});

describe('SPARQL Update: IRIs that are not valid', () => {
  it.each([
    ['a bad percent escape', `INSERT DATA { <${EX}a%zz> <${EX}p> "v" }`],
    ['a GRAPH name with a bad port', `INSERT DATA { GRAPH <http://example.org:port/g> { <${EX}s> <${EX}p> "v" } }`],
    ['a bad GRAPH name with %', `INSERT DATA { GRAPH <${EX}g%> { <${EX}s> <${EX}p> "v" } }`],
    ['a bad datatype', `INSERT DATA { <${EX}s> <${EX}p> "v"^^<${EX}dt%q> }`],
    ['a bad CLEAR target', `CLEAR GRAPH <${EX}g%zz>`],
  ])('%s answers 400 INVALID_IRI and changes nothing', async (_what, text) => {
    const before = await count();
    const seq = s.store.stats().lastSeq;
    const r = await update(text);
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('INVALID_IRI');
    expect(await count()).toBe(before);
    expect(s.store.stats().lastSeq).toBe(seq);
  });

  it.each([
    `INSERT DATA { <http://a b> <${EX}p> "v" }`,
    `INSERT DATA { <${EX}a\\u0020b> <${EX}p> "v" }`,
    `INSERT DATA { GRAPH <${EX}g\\u003E> { <${EX}s> <${EX}p> "v" } }`,
  ])('%s is refused by the parser (400) and changes nothing', async (text) => {
    const seq = s.store.stats().lastSeq;
    expect((await update(text)).statusCode).toBe(400);
    expect(s.store.stats().lastSeq).toBe(seq);
  });
});

describe('Body encodings', () => {
  it('invalid UTF-8 in a /store body answers 400 INVALID_ENCODING naming the byte offset', async () => {
    const body = Buffer.concat([Buffer.from(`<${EX}s> <${EX}p> "caf`), Buffer.from([0xe9]), Buffer.from('" .')]);
    const r = await put(`${EX}enc`, body);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INVALID_ENCODING', offset: body.indexOf(0xe9) });
    expect(r.json().detail).toContain(`offset ${body.indexOf(0xe9)}`);
    expect(s.store.graphInfo(`${EX}enc`)).toBeUndefined();
  });

  it('invalid UTF-8 in a SPARQL Update body answers 400 INVALID_ENCODING', async () => {
    const body = Buffer.concat([Buffer.from(`INSERT DATA { <${EX}s> <${EX}p> "`), Buffer.from([0xc3, 0x28]), Buffer.from('" }')]);
    const r = await update(body);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INVALID_ENCODING', offset: body.indexOf(0xc3) });
  });

  it.each(['iso-8859-1', 'latin1', 'windows-1252'])('a %s body is transcoded: the characters are stored, not U+FFFD', async (charset) => {
    const graph = `${EX}latin/${charset}`;
    const body = Buffer.from(`<${EX}s> <${EX}p> "Grüße, Frère" .`, 'latin1');
    const r = await put(graph, body, `text/turtle; charset=${charset}`);
    expect(r.statusCode).toBe(201);
    const quads = await s.store.getGraph(graph);
    expect(quads[0]?.object.value).toBe('Grüße, Frère');
  });

  it('an unsupported charset answers 415 naming the supported ones', async () => {
    const r = await put(`${EX}koi`, TTL, 'text/turtle; charset=koi8-r');
    expect(r.statusCode).toBe(415);
    expect(r.json()).toMatchObject({ code: 'UNSUPPORTED_CHARSET', supported: expect.arrayContaining(['utf-8', 'iso-8859-1']) });
    expect(r.json().detail).toContain('koi8-r');
  });
});

describe('Fuzz: mutated IRIs on the write paths never leave a graph the engines cannot load', () => {
  it('300 random graph names, subjects and update IRIs: each write is 2xx or 400, and every stored graph loads', async () => {
    const pieces = [
      ' ',
      '<',
      '>',
      '"',
      '{',
      '}',
      '|',
      '^',
      '`',
      '\\',
      '\n',
      '\u0000',
      '%',
      '%4',
      '%zz',
      '#',
      '?',
      '[',
      ']',
      ':',
      '@',
      'é',
      '\ud83d\ude00',
      '\ufffe',
      '\u0085',
      '> .\n<http://evil/s> <http://evil/p> <http://evil/o',
    ];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const mutate = (iri: string) => {
      const at = 8 + rnd(iri.length - 7);
      return iri.slice(0, at) + (pieces[rnd(pieces.length)] as string) + iri.slice(at);
    };
    const statuses = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const graph = mutate(`${EX}fuzz/g${i}`);
      const subject = mutate(`${EX}fuzz/s${i}`);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters N-Triples writes as \u escapes.
      const escaped = [...subject].map((c) => (/[\u0000-\u0020<>"{}|^`\\]/.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
      for (const r of [
        await put(graph, TTL),
        await put(`${EX}fuzz/body${i}`, `<${escaped}> <${EX}p> "v" .`, 'application/n-triples'),
        await update(`INSERT DATA { GRAPH <${escaped}> { <${EX}s> <${EX}p> "${i}" } }`),
      ]) {
        statuses.add(r.statusCode);
        expect([200, 201, 204, 400]).toContain(r.statusCode);
      }
    }
    expect(statuses).toContain(400);
    // What was accepted is what an engine rebuild loads: no graph would be quarantined.
    expect(s.store.findBadGraphs().bad).toEqual([]);
    expect(await count()).toBeGreaterThan(0);
  }, 120_000);
});
