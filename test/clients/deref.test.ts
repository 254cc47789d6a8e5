import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON, lacks } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loadSample, PERSON, WORK } from '../http/linked-data-sample.js';

const run = promisify(execFile);
let s: TestServer;
/** The entity's IRI on the test server's port (the base IRI is http://localhost:8080/). */
const live = (iri: string) => s.url + new URL(iri).pathname.slice(1);

beforeAll(async () => {
  s = await startTestServer({ listen: true });
  await loadSample(s.store);
});
afterAll(async () => s.close());

describe('real clients dereference entity IRIs over HTTP', () => {
  it.skipIf(lacks('rapper'))('rapper follows the 303 and parses the negotiated document', async () => {
    const { stdout, stderr } = await run('rapper', ['-i', 'guess', '-o', 'ntriples', live(PERSON)]);
    expect(stderr).toMatch(/Parsing returned \d+ triples/);
    expect(stdout).toContain(`<${PERSON}> <http://xmlns.com/foaf/0.1/name> "Carberry, Josiah" .`);
    // The incoming link from the work, labelled.
    expect(stdout).toContain(`<${WORK}> <http://purl.org/dc/terms/creator> <${PERSON}> .`);
  });

  it.skipIf(lacks('rapper'))('rapper reads each format by extension', async () => {
    for (const [ext, parser] of [
      ['ttl', 'turtle'],
      ['nt', 'ntriples'],
      ['rdf', 'rdfxml'],
    ]) {
      const url = live(WORK).replace('/id/', '/doc/') + '.' + ext;
      const { stdout } = await run('rapper', ['-i', parser as string, '-o', 'ntriples', url]);
      expect(stdout, ext).toContain(`<${WORK}> <http://purl.org/dc/terms/title> "Knowledge graphs for libraries"@en .`);
    }
  });

  it.skipIf(lacks('rdflib'))('Python rdflib follows the 303 and parses the document', async () => {
    const script = [
      'import sys, rdflib',
      'g = rdflib.Graph()',
      'g.parse(sys.argv[1])',
      'print(len(g))',
      'print(g.value(rdflib.URIRef(sys.argv[2]), rdflib.URIRef("http://purl.org/dc/terms/title")))',
      'print(g.value(rdflib.URIRef(sys.argv[3]), rdflib.RDFS.label))',
    ].join('\n');
    const { stdout } = await run(DEBIAN_PYTHON, ['-c', script, live(WORK), WORK, PERSON]);
    const [count, title, label] = stdout.trim().split('\n');
    expect(Number(count)).toBeGreaterThan(8);
    expect(title).toBe('Knowledge graphs for libraries');
    expect(['Josiah Carberry', 'Carberry, Josiah']).toContain(label);
  });
});
