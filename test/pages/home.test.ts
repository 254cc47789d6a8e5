import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPuts } from '../fixtures/oai/sample-records.js';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loadSample } from '../http/linked-data-sample.js';

/** Screenshots go to a scratch folder (LIBKG_SCREENSHOTS or the system temp dir) for a person to look at. */
const SHOTS = process.env.LIBKG_SCREENSHOTS ?? join(tmpdir(), 'libkg-screenshots');

const NAV = ['libkg', 'Search', 'SPARQL', 'GraphQL', 'Dataset', 'Dumps', 'OAI-PMH', 'LDES', 'Ontology'];

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ listen: true });
  await loadSample(server.store);
  // More records than one OAI-PMH page (100), so lists have a resumption link.
  await server.store.putGraphs(generatedPuts('http://localhost:8080/', 130));
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records every request to another origin, every console error and every script dialog. */
async function open(path: string): Promise<{ page: Page; status: number | undefined; outside: string[]; problems: string[] }> {
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
  const response = await page.goto(server.url + path.slice(1));
  await page.waitForLoadState('load');
  return { page, status: response?.status(), outside, problems };
}

/** The header's computed background colour, read in the page. */
const headerColour = (page: Page) => page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor");

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

describe('the HTML side in a browser', () => {
  it('renders the start page with counts, the header and a search box that searches', async () => {
    const { page, status, outside, problems } = await open('/');
    expect(status).toBe(200);
    expect(await page.textContent('h1')).toBe('libkg knowledge graph');
    expect(await page.$$eval('header.site a', (as) => as.map((a) => a.textContent))).toEqual(NAV);
    // The shared stylesheet applied: the header is the dark blue bar.
    expect(await headerColour(page)).toBe('rgb(35, 57, 91)');
    // Type counts are computed in the background: reload until they are there.
    for (let i = 0; i < 50 && (await page.textContent('table.types'))?.includes('still being computed'); i++) {
      await new Promise((done) => setTimeout(done, 200));
      await page.reload();
    }
    expect(await page.textContent('table.types')).toContain('bibo:Book');
    await shot(page, 'home');
    await page.fill('input[name=q]', 'knowledge');
    await page.press('input[name=q]', 'Enter');
    await page.waitForURL(/\/search\?q=knowledge/);
    expect(await page.textContent('ol.hits')).toContain('Knowledge graphs for libraries');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a 404 as a page with the header, the hostile path as text, and no script run', async () => {
    const { page, status, outside, problems } = await open('/nothing/%3Cimg%20src=x%20onerror=alert(1)%3E');
    expect(status).toBe(404);
    expect(await page.textContent('h1')).toBe('Not found');
    expect(await page.textContent('.detail')).toContain('<img src=x onerror=alert(1)>'.replace(/ /g, '%20').replace('<', '%3C').replace('>', '%3E'));
    expect(await page.$$('main img')).toHaveLength(0);
    await shot(page, 'error-404');
    expect(outside).toEqual([]);
    // The one console error is Chromium reporting the 404 itself.
    expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    await page.close();
  });

  it('renders the event stream and follows it to a version', async () => {
    const { page, status, outside, problems } = await open('/ldes');
    expect(status).toBe(200);
    await page.click('text=the first page');
    await page.waitForURL(/\/ldes\/page\/0$/);
    expect(await page.$$('main table tr')).toHaveLength(101);
    await shot(page, 'ldes-page', false);
    await page.click('main table a >> nth=0');
    await page.waitForURL(/\/ldes\/version\/1$/);
    expect(await page.textContent('h1')).toBe('Version 1');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders /dumps/ as a table of downloads', async () => {
    const { page, status, outside, problems } = await open('/dumps/');
    expect(status).toBe(200);
    expect(await page.textContent('h1')).toBe('Dumps');
    const names = await page.$$eval('table.files a', (as) => as.map((a) => a.textContent));
    expect(names).toContain('libkg.nq.gz');
    await shot(page, 'dumps');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('puts the same header on the SPARQL, GraphQL, search, entity and ontology pages', async () => {
    const pages: [string, string][] = [
      ['/sparql', 'sparql'],
      ['/graphql', 'graphql'],
      ['/search?q=knowledge', 'search'],
      ['/doc/doi/10.1000/xyz123', 'entity'],
      ['/ontology', 'ontology'],
    ];
    for (const [path, name] of pages) {
      const { page, status, outside } = await open(path);
      expect(status, path).toBe(200);
      expect(await page.$$eval('header.site a', (as) => as.map((a) => a.textContent)), path).toEqual(NAV);
      expect(await headerColour(page), path).toBe('rgb(35, 57, 91)');
      await shot(page, `header-${name}`, false);
      expect(outside, path).toEqual([]);
      await page.close();
    }
  });

  it('decodes the icon the pages name, as SVG and as ICO', async () => {
    const { page } = await open('/');
    // Evaluated in the page (the tests are compiled without the DOM library).
    const sizes = await page.evaluate(`Promise.all(['/favicon.svg', '/favicon.ico'].map(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }))`);
    expect(sizes).toEqual([
      [32, 32],
      [32, 32],
    ]);
    await page.close();
  });
});
