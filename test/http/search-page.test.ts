import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/vocab.js';
import { launchChromium } from '../helpers/browser.js';
import { lacks } from '../helpers/clients.js';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
const BASE = 'http://localhost:8080/';
const EVIL = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

beforeAll(async () => {
  server = await startTestServer({ listen: true });
  await importFixtures(server.store, BASE, ['catalog/marc2bibframe2-gwu-subset.xml', 'catalog/marc-perl-cjk1.marc']);
  await server.store.update(`INSERT DATA { GRAPH <${BASE}graph/test/evil> {
    <${BASE}id/work/evil> a <${NS.bibo('Book')}> ; <${NS.dct('title')}> ${JSON.stringify(`Zanzibar ${EVIL}`)} ;
      <${NS.dct('creator')}> <javascript:alert(1)> . } }`);
  browser = await launchChromium();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(lacks('chromium'))('the search page in a browser', () => {
  it('searches from the form, shows hits with links, refines by a facet and pages', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}search`);
    expect(await page.textContent('h1')).toBe('Search');
    await page.fill('input[name=q]', 'アイヌ語');
    await page.click('button[type=submit]');
    await page.waitForURL(/q=/);
    expect(await page.textContent('.summary')).toContain('of 1');
    await page.getByRole('link', { name: 'Kindaichi Kyōsuke to Ainugo' }).click();
    await page.waitForURL(/\/doc\/work\/cstrlin-MIUO02-B3220/);

    await page.goto(`${server.url}search?q=*&size=2`);
    const total = Number(/of (\d+)/.exec((await page.textContent('.summary')) ?? '')?.[1]);
    expect(total).toBeGreaterThan(2);
    await page
      .locator('aside a')
      .filter({ hasText: /^Book$/ })
      .click();
    await page.waitForURL(/type=bibo%3ABook/);
    const books = Number(/of (\d+)/.exec((await page.textContent('.summary')) ?? '')?.[1]);
    expect(books).toBeLessThan(total);
    expect(await page.locator('ol.hits > li').count()).toBe(2);
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL(/page=2/);
    expect(await page.getAttribute('ol.hits', 'start')).toBe('3');
    // The form keeps the facet when searching again, now newest first.
    expect(await page.getAttribute('input[name=type]', 'value')).toBe('bibo:Book');
    await page.selectOption('select[name=sort]', 'newest');
    await page.click('button[type=submit]');
    await page.waitForURL(/sort=newest/);
    expect(page.url()).toContain('type=bibo%3ABook');
    expect(Number(/of (\d+)/.exec((await page.textContent('.summary')) ?? '')?.[1])).toBe(books);
    await page.close();
  });

  it('shows hostile titles as text and runs no script', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}search?q=zanzibar`);
    expect(await page.textContent('.hit-title')).toBe(`Zanzibar ${EVIL}`);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Data, and libkg's own suggestion box script: nothing from the records.
    const scripts = await page.$$eval('script', (els) => els.map((e) => e.getAttribute('type') ?? e.getAttribute('src')));
    expect(scripts).toEqual(['application/ld+json', '/search/suggest.js']);
    expect(await page.$$eval('a', (els) => els.filter((a) => a.getAttribute('href')?.startsWith('javascript:')).length)).toBe(0);
    // The query itself, echoed in the form, is text too.
    await page.goto(`${server.url}search?q=${encodeURIComponent('x"><script>window.__pwned=3</script>"')}`);
    expect(await page.inputValue('input[name=q]')).toBe('x"><script>window.__pwned=3</script>"');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
