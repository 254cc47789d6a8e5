/** The link review page in a real browser: side-by-side entities, evidence, keys j/k/a/r/u, the token kept for the tab, nothing from elsewhere. */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.js';
import type { ScoredPair } from '../../src/links/engine/index.js';
import { linkGraphIri, linkGraphQuads } from '../../src/links/results.js';
import { NS } from '../../src/vocab.js';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SHOTS = process.env.LIBKG_SCREENSHOTS ?? join(tmpdir(), 'libkg-screenshots');
const F = N3.DataFactory;
const TOKEN = 'reviewer-token-0123456789';
const HOSTILE = '<img src=x onerror=alert(1)> & "Zürich"';

let server: TestServer;
let browser: Browser;
let base: string;
const person = (side: string, i: number) => `${base}id/person/${side}${i}`;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ listen: true });
  base = server.config.baseIri;
  server.store.tokens.add('reviewer', hashToken(TOKEN).toString('hex'));
  const names = [
    ['Goethe, Johann Wolfgang von', 'Johann Wolfgang von Goethe'],
    ['Mann, Thomas', 'Heinrich Mann'],
    [HOSTILE, 'Zürich, Anonymous'],
  ];
  const pairs: ScoredPair[] = names.map((_, i) => ({
    source: person('c', i),
    target: person('a', i),
    score: 0.88 - i / 100,
    evidence: { 'name.monge-elkan': 0.9 - i / 10, 'born.year-distance': 1 },
    status: 'review',
  }));
  const run = { specId: 'persons', specVersion: 1, predicate: NS.owl('sameAs'), startedAt: new Date(), endedAt: new Date() };
  const describe = (iri: string, name: string, born: string) => [
    F.quad(F.namedNode(iri), F.namedNode(NS.rdf('type')), F.namedNode(NS.foaf('Person'))),
    F.quad(F.namedNode(iri), F.namedNode(NS.foaf('name')), F.literal(name)),
    F.quad(F.namedNode(iri), F.namedNode(NS.schema('birthDate')), F.literal(born)),
  ];
  await server.store.putGraphs([
    { graph: linkGraphIri(base, 'persons'), quads: linkGraphQuads(base, run, { pairs, stats: { candidates: 3, compared: 3, reductionRatio: 0, seconds: 0 } }) },
    { graph: `${base}graph/catalog/names`, quads: names.flatMap(([c], i) => describe(person('c', i), c as string, '1749')) },
    { graph: `${base}graph/authority/gnd`, quads: names.flatMap(([, a], i) => describe(person('a', i), a as string, '1749-08-28')) },
  ]);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<{ page: Page; outside: string[]; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
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

const states = (page: Page) => page.$$eval('article.link', (as) => as.map((a) => a.getAttribute('data-status')));
const current = (page: Page) => page.$$eval('article.link', (as) => as.findIndex((a) => a.classList.contains('current')));
const linked = async (i: number) =>
  JSON.parse(
    (await server.store.query(`ASK { GRAPH <${linkGraphIri(base, 'persons')}> { <${person('c', i)}> <${NS.owl('sameAs')}> <${person('a', i)}> } }`)).body,
  ).boolean as boolean;

describe('the link review page', () => {
  it('shows both entities side by side with the evidence, every literal as text', async () => {
    const { page, outside, problems } = await open('/links/review?spec=persons');
    expect(await page.textContent('h1')).toContain('Review links');
    expect(await page.$$eval('article.link', (as) => as.length)).toBe(3);
    const first = page.locator('article.link').first();
    expect(await first.locator('.source h3').textContent()).toBe('Goethe, Johann Wolfgang von');
    expect(await first.locator('.target h3').textContent()).toBe('Johann Wolfgang von Goethe');
    expect(await first.locator('.target').textContent()).toContain(`${base}graph/authority/gnd`);
    expect(await first.locator('.target .types').textContent()).toBe('foaf:Person');
    expect(await first.textContent()).toContain('score 0.8800');
    expect(await first.locator('.evidence').textContent()).toContain('name.monge-elkan 0.9000');
    // The hostile name is text: no element made of it, no script run (a dialog would be recorded).
    expect(await page.locator('article.link').nth(2).locator('.source h3').textContent()).toBe(HOSTILE);
    expect(await page.$$eval('main img', (els) => els.length)).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'link-review.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('decides by keys: a accepts, r rejects, u undoes, j/k move; the token is entered once per tab', async () => {
    const { page, problems } = await open('/links/review?spec=persons');
    expect(await current(page)).toBe(0);
    // Without a token nothing is sent.
    await page.keyboard.press('a');
    expect(await page.textContent('#message')).toContain('Enter a write token first');
    await page.fill('#token', TOKEN);
    await page.press('#token', 'Enter');
    expect(await page.textContent('#token-state')).toBe('token set for this tab');
    await page.locator('h1').click();

    await page.keyboard.press('a');
    await page.waitForSelector('#link-0[data-status="accepted"]');
    expect(await page.locator('article.link').first().locator('.state').textContent()).toBe('accepted (reviewer)');
    expect(await current(page)).toBe(1);
    expect(await linked(0)).toBe(true);

    await page.keyboard.press('r');
    await page.waitForSelector('#link-1[data-status="rejected"]');
    expect(await states(page)).toEqual(['accepted', 'rejected', 'review']);
    await page.screenshot({ path: join(SHOTS, 'link-review-decided.png'), fullPage: true });

    await page.keyboard.press('u');
    await page.waitForSelector('#link-1[data-status="review"]');
    expect(await current(page)).toBe(1);
    expect(server.store.linkDecisions.list('persons').map((d) => [d.source, d.decision, d.by])).toEqual([[person('c', 0), 'accept', 'reviewer']]);

    await page.keyboard.press('j');
    expect(await current(page)).toBe(2);
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    expect(await current(page)).toBe(0);

    // Reloaded, the page lists the rest to review and still has the token for this tab.
    await page.reload();
    expect(await page.textContent('#token-state')).toBe('token set for this tab');
    expect(await page.$$eval('article.link', (as) => as.length)).toBe(2);
    const accepted = await open('/links/review?spec=persons&status=accepted');
    expect(await accepted.page.locator('article.link .state').textContent()).toBe('accepted (reviewer)');
    expect(problems).toEqual([]);
  });

  it('answers a bad parameter with the HTML error page naming it', async () => {
    const r = await fetch(`${server.url}links/review?spec=nope`, { headers: { accept: 'text/html' } });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('spec must name a link spec');
  });
});
