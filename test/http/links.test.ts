import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoredPair } from '../../src/links/engine/index.js';
import { linkGraphIri, linkGraphQuads } from '../../src/links/results.js';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
/** 25 links to review with falling scores, and one accepted link. */
const PAIRS: ScoredPair[] = [
  ...Array.from({ length: 25 }, (_, i) => ({
    source: `http://example.org/id/a${i}`,
    target: `http://example.org/id/b${i}`,
    score: 0.84 - i / 1000,
    evidence: { name: 0.9 - i / 1000, lifespan: 0.5 },
    status: 'review' as const,
  })),
  { source: 'http://example.org/id/x', target: 'http://example.org/id/y', score: 0.99, evidence: { name: 1 }, status: 'accepted' },
];

beforeAll(async () => {
  s = await startTestServer();
  const run = { specId: 'persons', specVersion: 1, predicate: NS.owl('sameAs'), startedAt: new Date(), endedAt: new Date() };
  const result = { pairs: PAIRS, stats: { candidates: 100, compared: 100, reductionRatio: 0.9, seconds: 1 } };
  await s.store.putGraphs([{ graph: linkGraphIri(s.config.baseIri, 'persons'), quads: linkGraphQuads(s.config.baseIri, run, result) }]);
});
afterAll(() => s.close());

const get = (url: string) => s.app.inject({ method: 'GET', url });

describe('GET /links', () => {
  it('lists the links to review, best first, with evidence, in Hydra pages', async () => {
    const r = await get('/links?spec=persons&status=review&size=10&page=2');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/ld+json');
    const body = r.json();
    expect(body['hydra:totalItems']).toBe(25);
    expect(body['hydra:member'].map((m: { source: string }) => m.source)).toEqual(Array.from({ length: 10 }, (_, i) => `http://example.org/id/a${i + 10}`));
    expect(body['hydra:member'][0]).toMatchObject({
      target: 'http://example.org/id/b10',
      score: 0.83,
      status: 'review',
      evidence: [
        { comparator: 'lifespan', score: 0.5 },
        { comparator: 'name', score: 0.89 },
      ],
    });
    const view = body['hydra:view'];
    expect(view['hydra:next']).toContain('page=3');
    expect(view['hydra:previous']).toContain('page=1');
    expect(view['hydra:last']).toContain('page=3');
    expect((await get('/links?spec=persons&status=accepted')).json()['hydra:member'].map((m: { source: string }) => m.source)).toEqual([
      'http://example.org/id/x',
    ]);
  });

  it.each([
    ['/links', 'spec'],
    ['/links?spec=nope', 'spec'],
    ['/links?spec=persons&status=maybe', 'status'],
    ['/links?spec=persons&size=1000', 'size'],
    ['/links?spec=persons&page=0', 'page'],
  ])('refuses %s naming the parameter', async (url, parameter) => {
    const r = await get(url);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'BAD_REQUEST', parameter });
  });
});
