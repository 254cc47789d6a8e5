import Fastify from 'fastify';
import N3 from 'n3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HTML_CSP, defaultHtmlCsp } from '../../src/http/kit/csp.js';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://example.org/b1> dct:title "Weaving the Web" ; dct:creator <http://example.org/tbl> .
<http://example.org/tbl> foaf:name "Tim Berners-Lee" .
`;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ listen: true });
  await server.store.putGraphs([{ graph: 'http://example.org/g', quads: new N3.Parser().parse(TURTLE) }]);
  browser = await launchChromium();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('X-Content-Type-Options: nosniff on every response', () => {
  it.each([
    ['GET', 'health', {}],
    ['GET', 'sparql?query=ASK%7B%7D', {}],
    ['GET', 'sparql', { accept: 'text/html' }],
    ['GET', 'sparql/ui/yasgui.min.js', {}],
    ['GET', 'sparql?query=SELEC', {}],
    ['GET', 'no/such/route', {}],
    ['PUT', 'store?graph=http://example.org/x', { 'content-type': 'text/turtle' }],
    ['OPTIONS', 'store', { origin: 'http://other.example', 'access-control-request-method': 'PUT' }],
    ['GET', 'graphql', { accept: 'text/html' }],
    ['GET', 'search?q=web', { accept: 'application/json' }],
  ])('%s /%s', async (method, path, headers) => {
    const r = await fetch(`${server.url}${path}`, { method, headers, body: method === 'PUT' ? '<a:b> <a:c> <a:d> .' : undefined });
    expect(r.headers.get('x-content-type-options'), `${r.status}`).toBe('nosniff');
  });
});

/** Opens a page and records every CSP violation and every failed or outside request it makes. */
async function openWatched(url: string): Promise<{ page: Page; violations: string[]; failed: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  const failed: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) failed.push(`outside: ${r.url()}`);
  });
  // A string, run in the page (DOM types are not in this project's compile).
  await page.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => console.error('Content-Security-Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))",
  );
  const r = await page.goto(url);
  expect(r?.headers()['content-security-policy']).toBeTruthy();
  expect(r?.headers()['content-security-policy']).not.toContain("'unsafe-inline' 'unsafe-eval'");
  expect(r?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
  return { page, violations, failed };
}

describe('a Content-Security-Policy on the query pages that they work under', () => {
  it('YASGUI at /sparql runs a query with no blocked request', async () => {
    const { page, violations, failed } = await openWatched(`${server.url}sparql`);
    await page.locator('.yasqe_queryButton').first().click();
    await page.locator('.yasr', { hasText: 'Tim Berners-Lee' }).first().waitFor({ timeout: 10_000 });
    expect(violations).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  }, 30_000);

  it('the GraphQL-LD form at /graphql runs its query with no blocked request', async () => {
    const { page, violations, failed } = await openWatched(`${server.url}graphql`);
    await page.locator('#run').click();
    await page.locator('#result', { hasText: '"' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#result').textContent()).not.toContain('Running');
    expect(violations).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  }, 30_000);

  it('an inline script the page did not ship is refused', async () => {
    const { page, violations } = await openWatched(`${server.url}sparql`);
    await page.evaluate("const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.append(s);");
    expect(await page.evaluate('window.injected')).toBeUndefined();
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    await page.close();
  }, 30_000);
});

describe('a default policy for HTML pages that set none', () => {
  it('is added to HTML answers without one, and leaves pages with their own and other types alone', async () => {
    const app = Fastify();
    app.addHook('onSend', defaultHtmlCsp);
    app.get('/page', async (_req, reply) => reply.type('text/html; charset=utf-8').send('<p>x</p>'));
    app.get('/own', async (_req, reply) => reply.type('text/html').header('Content-Security-Policy', "default-src 'none'").send('<p>x</p>'));
    app.get('/json', async () => ({ a: 1 }));
    const csp = async (url: string) => (await app.inject({ method: 'GET', url })).headers['content-security-policy'];
    expect(await csp('/page')).toBe(DEFAULT_HTML_CSP);
    expect(await csp('/own')).toBe("default-src 'none'");
    expect(await csp('/json')).toBeUndefined();
    expect(DEFAULT_HTML_CSP).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    await app.close();
  });

  it('every HTML page the server has today sets a policy without inline script', async () => {
    for (const url of ['sparql', 'graphql', 'search?q=web', '.well-known/void', 'ontology', 'shapes']) {
      const r = await fetch(`${server.url}${url}`, { headers: { accept: 'text/html' } });
      expect(r.headers.get('content-type'), url).toContain('text/html');
      expect(r.headers.get('content-security-policy'), url).toMatch(/frame-ancestors 'none'/);
      expect(r.headers.get('content-security-policy'), url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    }
  });
});
