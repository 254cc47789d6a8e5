/**
 * roqet (Rasqal, Debian rasqal-utils; see .ci/apt-packages.txt) queries a libkg
 * server on loopback through the SPARQL protocol, and parses every result and
 * graph format libkg writes that Rasqal/Raptor read.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const exec = promisify(execFile);
const roqet = async (...args: string[]) => (await exec('roqet', ['-W', '0', ...args], { timeout: 30_000 })).stdout;

let s: TestServer;
let dir: string;
const TITLES = ['Second work', 'Sketches of the Analytical Engine'];
const SELECT = 'SELECT ?t WHERE { ?w <http://purl.org/dc/terms/title> ?t } ORDER BY ?t';
const CONSTRUCT = 'CONSTRUCT { ?w <http://purl.org/dc/terms/title> ?t } WHERE { ?w <http://purl.org/dc/terms/title> ?t }';

beforeAll(async () => {
  s = await startTestServer({ listen: true });
  dir = mkdtempSync(join(tmpdir(), 'libkg-roqet-'));
  const quads = new N3.Parser().parse(`
    <http://example.org/book1> <http://purl.org/dc/terms/title> "Sketches of the Analytical Engine"@en .
    <http://example.org/book2> <http://purl.org/dc/terms/title> "Second work" .`);
  await s.store.putGraphs([{ graph: 'http://example.org/g1', quads }]);
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Fetches a query result from libkg in one format and saves it for roqet. */
async function saved(query: string, accept: string, name: string): Promise<string> {
  const r = await fetch(`${s.url}sparql?query=${encodeURIComponent(query)}`, { headers: { accept } });
  expect(r.status).toBe(200);
  const file = join(dir, name);
  writeFileSync(file, await r.text());
  return file;
}

/** The literals of a SPARQL XML result (this roqet build writes no SPARQL JSON). */
const titlesOf = (xml: string) => [...xml.matchAll(/<literal[^>]*>([^<]*)<\/literal>/g)].map((m) => m[1]);

describe.skipIf(lacks('roqet'))('roqet against libkg', () => {
  // Rasqal's protocol client reads variable bindings only (it asks for SPARQL XML even for ASK
  // and CONSTRUCT); ASK goes through the Python test, graph formats through -D below.
  it('runs SELECT through the SPARQL protocol', async () => {
    expect(titlesOf(await roqet('-p', `${s.url}sparql`, '-e', SELECT, '-r', 'xml'))).toEqual(TITLES);
  });

  it.each([
    ['application/sparql-results+xml', 'xml'],
    ['text/csv', 'csv'],
    ['text/tab-separated-values', 'tsv'],
  ])('parses SELECT results served as %s', async (accept, format) => {
    const file = await saved(SELECT, accept, `select.${format}`);
    expect(titlesOf(await roqet('-t', file, '-R', format, '-r', 'xml'))).toEqual(TITLES);
  });

  it.each([
    ['text/turtle', 'turtle'],
    ['application/n-triples', 'ntriples'],
    ['application/rdf+xml', 'rdfxml'],
    ['application/trig', 'trig'],
    ['application/n-quads', 'nquads'],
  ])('parses CONSTRUCT results served as %s', async (accept, format) => {
    const file = await saved(CONSTRUCT, accept, `construct.${format}`);
    const out = await roqet('-D', file, '-F', format, '-e', 'SELECT ?t WHERE { ?w ?p ?t } ORDER BY ?t', '-r', 'xml');
    expect(titlesOf(out)).toEqual(TITLES);
  });
});
