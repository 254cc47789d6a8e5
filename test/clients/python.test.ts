/**
 * Python SPARQLWrapper, rdflib's SPARQLUpdateStore and rdflib parsers (Debian python3-sparqlwrapper, python3-rdflib;
 * see .ci/apt-packages.txt) query a libkg server on loopback and parse every format.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks } from '../helpers/clients.js';
import { startTestServer, TEST_TOKEN, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./python_client.py', import.meta.url));
// Debian's interpreter, where the python3-* packages live (not a pyenv shim).
const PYTHON = '/usr/bin/python3';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ listen: true });
  const quads = new N3.Parser().parse(`
    <http://example.org/book1> <http://purl.org/dc/terms/title> "Sketches of the Analytical Engine"@en .
    <http://example.org/book2> <http://purl.org/dc/terms/title> "Über Maschinen, \\"quoted\\", tab\\tend" .`);
  await s.store.putGraphs([{ graph: 'http://example.org/g1', quads }]);
});
afterAll(() => s.close());

describe.skipIf(lacks('sparqlwrapper', 'rdflib'))('Python clients (SPARQLWrapper, rdflib)', () => {
  it('query every result format, update with a token, parse every RDF format', async () => {
    const { stdout } = await run(PYTHON, [SCRIPT, s.url, TEST_TOKEN], { timeout: 60_000 });
    const out = JSON.parse(stdout);
    const titles = ['Sketches of the Analytical Engine', 'Über Maschinen, "quoted", tab\tend'];
    expect(out.select_json).toEqual(titles);
    expect(out.select_xml).toEqual(titles);
    expect(out.select_csv[0]).toBe('t');
    expect(out.select_csv.slice(1)).toEqual(['Sketches of the Analytical Engine', '"Über Maschinen, ""quoted"", tab\tend"']);
    expect(out.select_tsv[0]).toBe('?t');
    expect(out.select_tsv).toHaveLength(3);
    expect(out.ask_json).toBe(true);
    expect(out.ask_xml).toBe('true');
    for (const f of ['turtle', 'n3', 'rdfxml', 'jsonld']) expect(out[`construct_${f}`], f).toEqual([...titles].sort());
    expect(out.update_status).toBe(200);
    expect(s.store.graphInfo('http://example.org/py')?.quads).toBe(1);
    for (const f of ['turtle', 'nt', 'nquads', 'trig', 'xml', 'json-ld']) expect(out[`store_${f}`], f).toBe(2);
    // These run after the SPARQLWrapper update, which added a third title.
    expect(out.rdflib_store_xml).toEqual([...titles, 'from python'].sort());
    expect(out.rdflib_store_json).toEqual([...titles, 'from python'].sort());
    expect(out.rdflib_store_ask).toBe(true);
    expect(s.store.graphInfo('http://example.org/rdflib')?.quads).toBe(1);
  });
});
