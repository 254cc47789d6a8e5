/** /oai in a real browser: the server-made pages, walked by clicking links, with nothing loaded from elsewhere. */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPuts, samplePuts } from '../fixtures/oai/sample-records.js';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SHOTS = process.env.LIBKG_SCREENSHOTS ?? join(tmpdir(), 'libkg-screenshots');
const F = N3.DataFactory;

let server: TestServer;
let browser: Browser;
let oddId: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ listen: true });
  const base = server.config.baseIri;
  // Its identifier needs encoding in a link (&, ?, #, %, non-ASCII); its title is hostile markup.
  oddId = `${base}graph/catalog/a&b?c=ü#x%41`;
  const work = F.namedNode(`${base}id/work/odd`);
  const g = F.namedNode(oddId);
  await server.store.putGraphs([
    {
      graph: oddId,
      source: 'catalog',
      quads: [
        F.quad(work, F.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), F.namedNode('http://purl.org/ontology/bibo/Book'), g),
        F.quad(work, F.namedNode('http://purl.org/dc/terms/title'), F.literal('<img src=x onerror=alert(1)> & "Zürich"'), g),
      ],
    },
    ...samplePuts(base),
    // More records than one page (100), so the list has a next link.
    ...generatedPuts(base, 130),
  ]);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records requests to other origins, console errors and script dialogs. */
async function open(path: string): Promise<{ page: Page; outside: string[]; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const origin = new URL(server.url).origin;
  const outside: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== origin) outside.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(server.url + path.slice(1));
  return { page, outside, problems };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

describe('OAI-PMH in a browser', () => {
  it('walks Identify → ListSets → ListRecords → next page → GetRecord by links', async () => {
    const { page, outside, problems } = await open('/oai?verb=Identify');
    expect(await page.textContent('h1')).toBe('OAI-PMH: Identify');
    expect(await page.textContent('main table')).toContain('adminEmail');
    expect(await page.$$eval('header.site a[aria-current=page]', (as) => as.map((a) => a.textContent))).toEqual(['OAI-PMH']);
    await shot(page, 'oai-identify');

    await page.click('nav.verbs >> text=ListSets');
    await page.waitForURL(/verb=ListSets/);
    expect(await page.textContent('h1')).toBe('OAI-PMH: ListSets');
    await shot(page, 'oai-list-sets');

    await page.click('main table a >> text=type:work');
    await page.waitForURL(/verb=ListRecords&metadataPrefix=oai_dc&set=type%3Awork/);
    expect(await page.$$('section.record')).toHaveLength(100);
    expect(await page.textContent('main')).toContain('<img src=x onerror=alert(1)> & "Zürich"');
    expect(await page.$$('main img')).toHaveLength(0);
    await shot(page, 'oai-list-records');

    await page.click('a[rel=next]');
    await page.waitForURL(/resumptionToken=/);
    expect((await page.$$('section.record')).length).toBeGreaterThan(0);
    expect(await page.textContent('main')).toContain('End of the list.');
    await shot(page, 'oai-list-records-next');

    await page.click('section.record p.muted a >> nth=0');
    await page.waitForURL(/verb=GetRecord/);
    expect(await page.textContent('h1')).toBe('OAI-PMH: GetRecord');
    expect(await page.$$('section.record')).toHaveLength(1);
    await page.click('a.xml');
    await page.waitForURL(/\/oai\/xml\?verb=GetRecord/);
    expect(await page.content()).toContain('GetRecord');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('follows the link of an identifier holding &, ?, # and ü to its record, and shows MARCXML as source', async () => {
    const { page, outside, problems } = await open('/oai?verb=ListIdentifiers&metadataPrefix=oai_dc');
    await page.click(`main table a:has-text("${oddId}")`);
    await page.waitForURL(/verb=GetRecord/);
    expect(await page.textContent('section.record h3')).toBe('<img src=x onerror=alert(1)> & "Zürich"');
    expect(await page.textContent('section.record p.muted code')).toBe(oddId);
    await page.click('section.record p.muted >> text=formats');
    await page.waitForURL(/verb=ListMetadataFormats/);
    await page.click('main table a >> text=marcxml');
    await page.waitForURL(/metadataPrefix=marcxml/);
    expect(await page.textContent('pre.source')).toContain('<marc:record');
    await shot(page, 'oai-get-record-marcxml');
    await page.goto(`${server.url}oai?verb=Nonsense`);
    expect(await page.textContent('.oai-error')).toContain('badVerb');
    await shot(page, 'oai-error');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
