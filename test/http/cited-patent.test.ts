/**
 * Issue 16: a patent cited by an imported patent, whose own record is not in the store,
 * dereferences to what the citation says about it (number, country, kind, label), not a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await importFixtures(s.store, s.config.baseIri, ['patents/US06336130.xml']);
}, 120_000);
afterAll(() => s.close());

describe('GET /id/patent/{cited}', () => {
  it('303 to a document with the cited number, country, kind code and label', async () => {
    const id = await s.app.inject({ url: '/id/patent/US5825759A' });
    expect(id.statusCode).toBe(303);
    const doc = await s.app.inject({ url: '/doc/patent/US5825759A', headers: { accept: 'application/n-triples' } });
    expect(doc.statusCode, doc.body).toBe(200);
    const iri = `<${s.config.baseIri}id/patent/US5825759A>`;
    for (const line of [
      `${iri} <http://www.w3.org/2000/01/rdf-schema#label> "US 5825759 A" .`,
      `${iri} <https://w3id.org/libkg/ontology#countryCode> "US" .`,
      `${iri} <https://w3id.org/libkg/ontology#docNumber> "5825759" .`,
      `${iri} <https://w3id.org/libkg/ontology#kindCode> "A" .`,
    ])
      expect(doc.body).toContain(line);
  });
});
