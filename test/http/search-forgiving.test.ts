/**
 * Forgiving search (issue 15) over real records: typos, "did you mean", identifiers in any spelling.
 * Chabon's "Kavalier & Clay" (marc4j) and 315 editions of Pride and Prejudice from many libraries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
const BASE = 'http://localhost:8080/';

beforeAll(async () => {
  s = await startTestServer({ listen: true });
  await importFixtures(s.store, BASE, [
    'catalog/marc4j-chabon.mrc',
    'catalog/marc4j-pride-and-prejudice-marc21.mrc',
    'authors/gnd-marc21/marc21-rs-DUMP.mrc',
    'authors/orcid/record-3.0.xml',
    'datasets/datacite-xml/datacite-multiple-rights.xml',
  ]);
  // The index follows the store in the background: wait until it holds every record (a current answer has an ETag).
  for (let i = 0; i < 60; i++) if ((await fetch(`${s.url}search?q=kavalier`)).headers.get('etag')) break;
}, 180_000);
afterAll(async () => s?.close());

interface Member {
  id: string;
  label?: (string | { '@value': string })[];
}
interface Collection {
  'hydra:totalItems': number;
  'hydra:member': Member[];
  didYouMean?: { q: string; view: string }[];
}

async function search(query: string): Promise<Collection> {
  const r = await fetch(`${s.url}search?${query}`, { headers: { accept: 'application/ld+json' } });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as Collection;
}
const labels = (c: Collection) => c['hydra:member'].map((m) => (m.label ?? []).map((l) => (typeof l === 'string' ? l : l['@value'])).join(' | '));

describe('typo tolerance', () => {
  it('"pride and prejudise" finds the editions of Pride and Prejudice, and suggests the spelling', async () => {
    const c = await search(`q=${encodeURIComponent('pride and prejudise')}`);
    const right = await search(`q=${encodeURIComponent('pride and prejudice')}`);
    expect(right['hydra:totalItems']).toBeGreaterThan(50);
    expect(c['hydra:totalItems']).toBeGreaterThanOrEqual(right['hydra:totalItems']);
    expect(
      labels(c)
        .slice(0, 10)
        .every((l) => /pride and prejudice/i.test(l)),
    ).toBe(true);
    expect(c.didYouMean?.map((d) => d.q)).toEqual(['pride and prejudice']);
    expect(c.didYouMean?.[0]?.view).toBe(`${BASE}search?q=pride+and+prejudice`);
  });

  it('"Kavaler" finds The Amazing Adventures of Kavalier & Clay', async () => {
    const c = await search('q=Kavaler');
    expect(labels(c)[0]).toMatch(/Kavalier/);
    expect(c.didYouMean?.map((d) => d.q)).toEqual(['kavalier']);
  });

  it('a correctly spelt query gets no suggestion, and exact matches come first', async () => {
    const c = await search('q=kavalier');
    expect(c.didYouMean).toBeUndefined();
    expect(labels(c)[0]).toMatch(/Kavalier/);
  });

  it('shows "did you mean" on the HTML page, linking the corrected query', async () => {
    const r = await fetch(`${s.url}search?q=${encodeURIComponent('prejudise')}`, { headers: { accept: 'text/html' } });
    const page = await r.text();
    expect(page).toMatch(/Did you mean <a href="\/search\?q=prejudice">prejudice<\/a>\?/);
  });

  it('text:query in SPARQL is as forgiving', async () => {
    const query = `PREFIX text: <http://jena.apache.org/text#> PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?s ?title WHERE { ?s text:query (dct:title "kavaler") . ?s dct:title ?title }`;
    const r = await fetch(`${s.url}sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
    const rows = ((await r.json()) as { results: { bindings: { title: { value: string } }[] } }).results.bindings;
    expect(rows.some((b) => /Kavalier/.test(b.title.value))).toBe(true);
  });

  it('reconciliation scores a misspelt name (nearly) as high as the right one', async () => {
    const queries = { q0: { query: 'The amazing adventures of Kavaler & Clay' }, q1: { query: 'The amazing adventures of Kavalier & Clay' } };
    const r = await fetch(`${s.url}reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ queries: JSON.stringify(queries) }),
    });
    const out = (await r.json()) as Record<string, { result: { name: string; score: number }[] }>;
    const [typo, right] = [out.q0?.result[0], out.q1?.result[0]];
    expect(typo?.name).toMatch(/Kavalier/);
    expect(typo?.name).toBe(right?.name);
    // One misspelt word of six costs little (word overlap alone: 4/5 of the score).
    expect(typo?.score).toBeGreaterThanOrEqual((right?.score ?? 0) - 3);
  });
});

describe('identifiers in any spelling', () => {
  const first = async (q: string) => (await search(`q=${encodeURIComponent(q)}`))['hydra:member'].map((m) => m.id);

  it('an ISBN-13 finds the record that holds its ISBN-10, hyphenated or not, and back', async () => {
    const chabon = (await first('kavalier'))[0];
    expect(chabon).toBeDefined();
    for (const q of ['9780679450047', '978-0-679-45004-7', '0679450041', '0-679-45004-1', 'id:9780679450047', 'isbn:978-0679450047']) {
      expect(await first(q), q).toContain(chabon);
    }
  });

  it('a DOI with or without https://doi.org/ or doi:, in any case', async () => {
    const hits = await first('10.5061/DRYAD.8515');
    expect(hits.length).toBeGreaterThan(0);
    for (const q of [
      'https://doi.org/10.5061/dryad.8515',
      'doi:10.5061/DRYAD.8515',
      'http://dx.doi.org/10.5061/DRYAD.8515',
      'id:"https://doi.org/10.5061/dryad.8515"',
    ]) {
      expect(await first(q), q).toEqual(hits);
    }
  });

  it('an ORCID with or without https://orcid.org/', async () => {
    const viaUrl = await first('https://orcid.org/8888-8888-8888-8880');
    expect(viaUrl.length).toBeGreaterThan(0);
    // The bare forms also find entities whose IRI holds the number (…/orcid-8888-8888-8888-8880).
    for (const q of ['8888-8888-8888-8880', '8888888888888880', 'orcid:8888-8888-8888-8880', 'id:"https://orcid.org/8888-8888-8888-8880"']) {
      expect(await first(q), q).toEqual(expect.arrayContaining(viaUrl));
    }
  });
});
