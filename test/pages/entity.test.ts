import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { lacks } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { EVIL, loadSample, WORK } from '../http/linked-data-sample.js';

let server: TestServer;
let browser: Browser;
const live = (iri: string) => server.url + new URL(iri).pathname.slice(1);

beforeAll(async () => {
  server = await startTestServer({ listen: true });
  await loadSample(server.store);
  browser = await launchChromium();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(lacks('chromium'))('entity pages in a browser', () => {
  it('renders a page reached through the 303, with labelled links to neighbours', async () => {
    const page = await browser.newPage();
    const response = await page.goto(live(WORK));
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(live(WORK).replace('/id/', '/doc/'));
    expect(await page.textContent('h1')).toBe('Knowledge graphs for libraries');
    await page.getByRole('link', { name: 'Josiah Carberry' }).first().click();
    await page.waitForURL(/\/doc\/person\//);
    expect(await page.textContent('h1')).toBe('Josiah Carberry');
    expect(await page.getByRole('link', { name: 'https://orcid.org/0000-0002-1825-0097' }).first().getAttribute('href')).toBe(
      'https://orcid.org/0000-0002-1825-0097',
    );
    await page.close();
  });

  it('shows a <script> title as text and runs no script', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(live(EVIL));
    expect(await page.textContent('h1')).toBe('<script>window.__pwned = 1</script></script><!-- x');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The only script element is the JSON-LD data block, and it parses as the whole record.
    const scripts = await page.$$eval('script', (els) => els.map((e) => ({ type: e.getAttribute('type'), text: e.textContent ?? '' })));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.type).toBe('application/ld+json');
    expect(JSON.parse(scripts[0]?.text ?? '').name).toBe('<script>window.__pwned = 1</script></script><!-- x');
    // A javascript: IRI in the data is shown, never linked.
    expect(await page.$$eval('a', (els) => els.filter((a) => a.getAttribute('href')?.startsWith('javascript:')).length)).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
