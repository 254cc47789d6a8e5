/** Autocomplete (/search/suggest), the page's suggestion box in Chromium, and the OpenSearch description. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { lacks } from '../helpers/clients.js';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let browser: Browser | undefined;
const BASE = 'http://localhost:8080/';

beforeAll(async () => {
  s = await startTestServer({ listen: true });
  await importFixtures(s.store, BASE, ['catalog/marc4j-chabon.mrc', 'catalog/marc4j-pride-and-prejudice-marc21.mrc', 'authors/gnd-marc21/marc21-rs-DUMP.mrc']);
  for (let i = 0; i < 60; i++) if ((await fetch(`${s.url}search?q=kavalier`)).headers.get('etag')) break;
  if (!lacks('chromium')) browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const suggest = async (q: string) => {
  const r = await fetch(`${s.url}search/suggest?q=${encodeURIComponent(q)}`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toContain('application/x-suggestions+json');
  return (await r.json()) as [string, string[], string[], string[]];
};

describe('GET /search/suggest', () => {
  it('completes the last word as a prefix, labels starting with the text first, as OpenSearch suggestions', async () => {
    const [q, labels, descriptions, urls] = await suggest('kaval');
    expect(q).toBe('kaval');
    expect(labels[0]).toMatch(/^The amazing adventures of Kavalier/);
    expect(descriptions[0]).toContain('bibo:');
    expect(urls[0]).toMatch(new RegExp(`^${BASE}id/`));
    const [, pride] = await suggest('pride and prej');
    expect(pride.length).toBeGreaterThan(0);
    expect(pride.every((l) => /pride and prej/i.test(l))).toBe(true);
    expect(pride[0]).toMatch(/^pride and prejudice/i);
    expect(new Set(pride).size).toBe(pride.length);
    const [, goethe] = await suggest('goet');
    expect(goethe.some((l) => /^Goethe/.test(l))).toBe(true);
  });

  it('answers half-typed or odd input with suggestions or none, never a syntax error', async () => {
    for (const q of ['"pride', '(', 'AND', '', '  ', '*']) expect((await suggest(q))[0]).toBe(q);
    expect((await fetch(`${s.url}search/suggest`)).status).toBe(400);
    expect((await fetch(`${s.url}search/suggest?q=a&size=0`)).status).toBe(400);
  });
});

describe('OpenSearch', () => {
  it('describes the search with HTML, JSON-LD and suggestion URLs', async () => {
    const r = await fetch(`${s.url}opensearch.xml`);
    expect(r.headers.get('content-type')).toContain('application/opensearchdescription+xml');
    const xml = await r.text();
    expect(xml).toContain('xmlns="http://a9.com/-/spec/opensearch/1.1/"');
    expect(xml).toContain(`template="${BASE}search?q={searchTerms}&amp;page={startPage?}"`);
    expect(xml).toContain(`type="application/x-suggestions+json" method="get" template="${BASE}search/suggest?q={searchTerms}"`);
  });

  it('is linked from every HTML page and from VoID', async () => {
    for (const path of ['', 'search?q=kavalier', 'search']) {
      const html = await (await fetch(`${s.url}${path}`, { headers: { accept: 'text/html' } })).text();
      expect(html, path).toContain('<link rel="search" type="application/opensearchdescription+xml" title="libkg" href="/opensearch.xml">');
    }
    const voidTtl = await (await fetch(`${s.url}.well-known/void`, { headers: { accept: 'text/turtle' } })).text();
    expect(voidTtl).toMatch(/void:openSearchDescription <[^>]*opensearch\.xml>/);
  });
});

describe.skipIf(lacks('chromium'))('the suggestion box in a browser', () => {
  it('suggests as one types; arrow keys and Enter search for the suggestion', async () => {
    const page = await (browser as Browser).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${s.url}search`);
    await page.locator('input[name=q]').pressSequentially('kaval', { delay: 30 });
    const option = page.locator('#suggestions li[role=option]').first();
    await option.waitFor();
    expect(await option.textContent()).toMatch(/^The amazing adventures of Kavalier/);
    expect(await page.getAttribute('input[name=q]', 'aria-expanded')).toBe('true');
    await page.screenshot({ path: '/tmp/libkg-suggest-open.png' });
    await page.keyboard.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await page.getAttribute('input[name=q]', 'aria-activedescendant')).toBe('suggestion-0');
    await Promise.all([page.waitForURL(/q=The\+amazing/), page.keyboard.press('Enter')]);
    expect(await page.textContent('.hit-title')).toMatch(/Kavalier/);
    await page.screenshot({ path: '/tmp/libkg-suggest-chosen.png' });
    // Escape closes the list without searching.
    await page.locator('input[name=q]').fill('');
    await page.locator('input[name=q]').pressSequentially('pride', { delay: 30 });
    await page.locator('#suggestions li').first().waitFor();
    await page.keyboard.press('Escape');
    expect(await page.locator('#suggestions').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
