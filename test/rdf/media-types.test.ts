/**
 * The media-type registry is the only table: every extension, alias and `format=` name in it
 * resolves, and every surface negotiates exactly what the registry says about the types it
 * offers (an alias added there is negotiable everywhere without touching a surface).
 */
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatToAccept } from '../../src/http/kit/negotiate.js';
import {
  aliasesOf,
  canonicalRdfType,
  entryOf,
  MEDIA_TYPES,
  type MediaTypeEntry,
  RDF_INPUT_TYPES,
  RDF_MEDIA_TYPES,
  rdfTypeOfFile,
  SOLUTION_TYPES,
} from '../../src/rdf/media-types.js';
import { serializeQuads } from '../../src/rdf/serialize.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { BASE, loadSample, WORK } from '../http/linked-data-sample.js';

const ENTRIES: readonly MediaTypeEntry[] = MEDIA_TYPES;
const rdf = ENTRIES.filter((e) => e.kind === 'rdf');
const baseType = (contentType: unknown) => String(contentType).split(';')[0];

describe('The media-type registry', () => {
  it('lists each media type once, and no alias is also a canonical type', () => {
    const types = ENTRIES.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
    for (const e of ENTRIES) for (const a of e.aliases) expect(types).not.toContain(a);
  });

  it('reads a file by every extension of every readable RDF format, gzipped too', () => {
    for (const e of rdf.filter((x) => x.read)) {
      for (const ext of e.extensions) {
        expect(rdfTypeOfFile(`data${ext}`)).toBe(e.type);
        expect(rdfTypeOfFile(`DATA${ext.toUpperCase()}.gz`)).toBe(e.type);
      }
    }
    expect(rdfTypeOfFile('data.csv')).toBeUndefined();
  });

  it('resolves every format= name, graph formats first where a graph is asked for', () => {
    for (const e of ENTRIES) {
      for (const name of e.names) {
        const graph = formatToAccept(name, true) as string;
        const solutions = formatToAccept(name, false) as string;
        expect(entryOf(graph)?.names).toContain(name);
        expect(entryOf(solutions)?.names).toContain(name);
        if (e.kind === 'rdf') expect(graph).toBe(e.type);
        if (e.kind === 'results') expect(solutions).toBe(e.type);
      }
    }
    expect(formatToAccept('json', true)).toBe('application/ld+json');
    expect(formatToAccept('xml', false)).toBe('application/sparql-results+xml');
    expect(formatToAccept('constructor')).toBeUndefined();
  });

  it('maps every alias of a readable RDF format to it, and nothing else', () => {
    for (const e of rdf.filter((x) => x.read)) for (const a of e.aliases) expect(canonicalRdfType(a)).toBe(e.type);
    expect(canonicalRdfType('application/sparql-results+json')).toBe('application/sparql-results+json');
    expect(canonicalRdfType('constructor')).toBe('constructor');
    // application/json is JSON-LD among graph formats and SPARQL JSON among result formats.
    expect(aliasesOf(RDF_MEDIA_TYPES)['application/json']).toBe('application/ld+json');
    expect(aliasesOf(SOLUTION_TYPES)['application/json']).toBe('application/sparql-results+json');
  });
});

describe('Every surface negotiates from the registry', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ config: { baseIri: BASE } });
    await loadSample(s.store);
  }, 60_000);
  afterAll(() => s.close());

  const get = (url: string, accept: string) => s.app.inject({ method: 'GET', url, headers: { accept } });
  const construct = `/sparql?query=${encodeURIComponent('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5')}`;
  const select = `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o } LIMIT 5')}`;
  const graph = `/store?graph=${encodeURIComponent(`${BASE}graph/catalog/xyz123`)}`;
  const doc = new URL(WORK).pathname.replace('/id/', '/doc/');

  /** Each offered type by its name and by every alias the registry gives it. */
  async function expectNegotiates(url: string, offered: readonly string[]) {
    for (const type of offered) {
      for (const asked of [type, ...(entryOf(type)?.aliases ?? [])]) {
        if (aliasesOf(offered)[asked] !== undefined && aliasesOf(offered)[asked] !== type) continue;
        const r = await get(url, asked);
        expect([url, asked, r.statusCode, baseType(r.headers['content-type'])]).toEqual([url, asked, 200, type]);
      }
    }
  }

  it('SPARQL answers graphs in every writable RDF format and solutions in every result format', async () => {
    await expectNegotiates(construct, RDF_MEDIA_TYPES);
    await expectNegotiates(select, SOLUTION_TYPES);
    await expectNegotiates('/sparql', [...RDF_MEDIA_TYPES, 'text/html']);
  });

  it('the Graph Store, TPF and LDES offer registry types under every alias', async () => {
    await expectNegotiates(graph, RDF_MEDIA_TYPES);
    await expectNegotiates('/tpf', ['application/trig', 'text/turtle', 'application/n-triples', 'application/n-quads', 'application/ld+json']);
    await expectNegotiates('/ldes', ['application/trig', 'application/n-quads', 'application/ld+json', 'text/html']);
  });

  it('entity documents, the ontology and VoID name their alternates by the registry extension', async () => {
    for (const url of [doc, '/ontology', '/.well-known/void']) {
      const link = String((await get(url, 'text/turtle')).headers.link);
      const alternates = [...link.matchAll(/<([^>]+)\.(\w+)>; rel="alternate"; type="([^"]+)"/g)];
      expect(alternates.length).toBeGreaterThanOrEqual(3);
      for (const [, , ext, type] of alternates) {
        expect(entryOf(type as string)?.extensions[0]).toBe(`.${ext}`);
        const byExt = await s.app.inject({ method: 'GET', url: `${url}.${ext}` });
        expect([byExt.statusCode, baseType(byExt.headers['content-type'])]).toEqual([200, type]);
      }
      await expectNegotiates(
        url,
        alternates.map((m) => m[3] as string),
      );
    }
  });

  it('the Graph Store reads a body in every readable format, named by its type or any alias', async () => {
    const quads = new N3.Parser().parse(`<${BASE}s> <${BASE}p> "o" , <${BASE}o> .`);
    for (const type of RDF_INPUT_TYPES) {
      const body = await serializeQuads(quads, type as (typeof RDF_MEDIA_TYPES)[number]);
      for (const sent of [type, ...(entryOf(type)?.aliases ?? [])]) {
        const target = `/store?graph=${encodeURIComponent(`${BASE}graph/in/${encodeURIComponent(sent)}`)}`;
        const put = await s.app.inject({ method: 'PUT', url: target, headers: { ...s.auth, 'content-type': sent }, payload: body });
        expect([sent, put.statusCode]).toEqual([sent, 201]);
        const back = await get(target, 'application/n-triples');
        expect(back.body.trim().split('\n')).toHaveLength(2);
      }
    }
  });

  it('describes every registry format in the service description', async () => {
    const sd = (await get('/sparql', 'application/n-triples')).body;
    for (const e of ENTRIES.filter((x) => x.formatIri && (x.kind === 'results' || x.write))) expect(sd).toContain(`<${e.formatIri}>`);
  });
});
