/**
 * Entity documents show the owl:sameAs cluster (issue 13): its owl:sameAs triples in every RDF
 * format, and on the HTML page (in Chromium) the members with their sources and, for a person,
 * the works of the whole cluster.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonld from 'jsonld';
import N3 from 'n3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/vocab.js';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { namedNode, literal, quad } = N3.DataFactory;
let s: TestServer;
let browser: Browser;
let base: string;
const id = (path: string) => `${base}id/${path}`;
const t = (a: string, p: string, o: string | N3.Literal) => quad(namedNode(a), namedNode(p), typeof o === 'string' ? namedNode(o) : o);
const PERSON = NS.foaf('Person');
const SHOTS = process.env.LIBKG_SCREENSHOTS ?? join(tmpdir(), 'libkg-screenshots');

beforeAll(async () => {
  s = await startTestServer({ listen: true });
  base = s.config.baseIri;
  const gnd = id('person/gnd-118540238');
  const name = id('person/name-goethe');
  await s.store.putGraphs([
    {
      graph: `${base}graph/authority/de-101-118540238`,
      quads: [
        t(gnd, NS.rdf('type'), PERSON),
        t(gnd, NS.foaf('name'), literal('Goethe, Johann Wolfgang von')),
        t(gnd, NS.owl('sameAs'), 'https://d-nb.info/gnd/118540238'),
      ],
    },
    {
      graph: `${base}graph/catalog/x-1`,
      quads: [
        t(name, NS.rdf('type'), PERSON),
        t(name, NS.foaf('name'), literal('Goethe, J. W.')),
        t(id('work/x-1'), NS.dct('title'), literal('Faust')),
        t(id('work/x-1'), NS.dct('creator'), name),
      ],
    },
    {
      graph: `${base}graph/catalog/x-2`,
      quads: [t(id('work/x-2'), NS.dct('title'), literal('Italienische Reise')), t(id('work/x-2'), NS.dct('creator'), gnd)],
    },
    { graph: `${base}graph/links/persons`, quads: [t(name, NS.owl('sameAs'), gnd)] },
  ]);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const get = (path: string, accept: string) => s.app.inject({ method: 'GET', url: `/doc/${path}`, headers: { accept } });

describe('entity documents of a clustered entity', () => {
  it('Turtle and JSON-LD carry the owl:sameAs triples of the whole cluster', async () => {
    const r = await get('person/name-goethe', 'text/turtle');
    expect(r.statusCode).toBe(200);
    const quads = new N3.Parser({ format: 'text/turtle' }).parse(r.body);
    const same = quads.filter((q) => q.predicate.value === NS.owl('sameAs')).map((q) => `${q.subject.value} ${q.object.value}`);
    expect(same.sort()).toEqual([`${id('person/gnd-118540238')} https://d-nb.info/gnd/118540238`, `${id('person/name-goethe')} ${id('person/gnd-118540238')}`]);
    // The work of the other member, with its title.
    expect(quads.some((q) => q.subject.value === id('work/x-2') && q.predicate.value === NS.dct('creator'))).toBe(true);

    // The JSON-LD holds the same owl:sameAs triples (the ones the entity does not reach in @included).
    const fromJsonld = await get('person/name-goethe', 'application/ld+json');
    const nq = (await jsonld.toRDF(JSON.parse(fromJsonld.body), { format: 'application/n-quads' })) as unknown as string;
    const sameInJsonld = new N3.Parser({ format: 'N-Quads' }).parse(nq).filter((q) => q.predicate.value === NS.owl('sameAs'));
    expect(sameInJsonld.map((q) => `${q.subject.value} ${q.object.value}`).sort()).toEqual(same.sort());
    expect(nq).toContain(`<${id('work/x-2')}> <${NS.dct('creator')}> <${id('person/gnd-118540238')}>`);

    const j = await get('person/gnd-118540238', 'application/ld+json');
    const text = j.body;
    expect(j.statusCode).toBe(200);
    expect(text).toContain('https://d-nb.info/gnd/118540238');
    expect(text).toContain(id('person/name-goethe'));
  });

  it('a new link changes the document and its validator', async () => {
    const before = await get('person/name-goethe', 'text/turtle');
    await s.store.putGraphs([{ graph: `${base}graph/links/extra`, quads: [t(id('person/gnd-118540238'), NS.owl('sameAs'), 'http://viaf.org/viaf/24602065')] }]);
    const after = await get('person/name-goethe', 'text/turtle');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body).toContain('http://viaf.org/viaf/24602065');
    await s.store.deleteGraphs([`${base}graph/links/extra`]);
    expect((await get('person/name-goethe', 'text/turtle')).body).not.toContain('viaf.org');
  });

  it('the HTML page lists the members with their sources and the works of the whole cluster', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${s.url}doc/person/name-goethe`);
    expect(response?.status()).toBe(200);
    const rows = await page.$$eval('#cluster tr', (trs) =>
      trs.map((tr) => ({ member: tr.querySelector('small')?.textContent, sources: [...tr.querySelectorAll('td li')].map((li) => li.textContent) })),
    );
    expect(rows).toEqual([
      { member: id('person/gnd-118540238'), sources: ['authority record de-101-118540238'] },
      { member: id('person/name-goethe'), sources: ['catalog record x-1', 'link spec persons'] },
      { member: 'https://d-nb.info/gnd/118540238', sources: ['authority record de-101-118540238'] },
    ]);
    expect(await page.textContent('#cluster tr:first-child th')).toContain('(canonical)');
    expect(await page.$$eval('#cluster-works li a', (as) => as.map((a) => a.textContent))).toEqual(['Faust', 'Italienische Reise']);
    // A source opens the graph it names.
    const href = await page.getAttribute('#cluster tr:first-child td a', 'href');
    const graph = await page.request.get(`${s.url}${href?.slice(1)}`, { headers: { accept: 'text/turtle' } });
    expect(await graph.text()).toContain('Goethe, Johann Wolfgang von');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'entity-cluster.png'), fullPage: true });
    await page.close();
  });
});
