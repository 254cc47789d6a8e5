/** POST /links/decisions (accept, reject, undo) changes the link graph at once; GET /links and the truth CSV reflect the decisions. */
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoredPair } from '../../src/links/engine/index.js';
import { linkGraphIri, linkGraphQuads } from '../../src/links/results.js';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const F = N3.DataFactory;
let s: TestServer;
let graph: string;
const A = 'http://example.org/id/a';
const B = 'http://example.org/id/b';
const X = 'http://example.org/id/x';
const Y = 'http://example.org/id/y';
const PAIRS: ScoredPair[] = [
  { source: A, target: B, score: 0.8, evidence: { name: 0.8 }, status: 'review' },
  { source: X, target: Y, score: 0.99, evidence: { name: 1 }, status: 'accepted' },
];

beforeAll(async () => {
  s = await startTestServer();
  graph = linkGraphIri(s.config.baseIri, 'persons');
  const run = { specId: 'persons', specVersion: 1, predicate: NS.owl('sameAs'), startedAt: new Date(), endedAt: new Date() };
  const result = { pairs: PAIRS, stats: { candidates: 2, compared: 2, reductionRatio: 0.9, seconds: 1 } };
  const id = (iri: string, value: string) => F.quad(F.namedNode(iri), F.namedNode(NS.dct('identifier')), F.literal(value));
  await s.store.putGraphs([
    { graph, quads: linkGraphQuads(s.config.baseIri, run, result) },
    { graph: 'http://example.org/graph/records', quads: [id(A, 'dblp-1'), id(B, 'acm,2'), id(X, 'dblp-9'), id(Y, 'acm-9')] },
  ]);
  s.store.tokens.add('alice', (await import('../../src/auth/tokens.js')).hashToken('alice-token-0123456789').toString('hex'));
});
afterAll(() => s.close());

const decide = (body: unknown, token = 'alice-token-0123456789') =>
  s.app.inject({
    method: 'POST',
    url: '/links/decisions',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
const ask = async (q: string) => JSON.parse((await s.store.query(q)).body).boolean as boolean;
const linked = (a: string, b: string) => ask(`ASK { GRAPH <${graph}> { <${a}> <${NS.owl('sameAs')}> <${b}> } }`);
const listed = async (status: string) =>
  (await s.app.inject({ method: 'GET', url: `/links?spec=persons&status=${status}` })).json()['hydra:member'].map((m: { source: string }) => m.source);

describe('POST /links/decisions', () => {
  it('accepts a link to review: the link triple is there at once, marked as reviewed by the token', async () => {
    expect(await linked(A, B)).toBe(false);
    // The pair given the other way round names the same link.
    const r = await decide({ spec: 'persons', source: B, target: A, decision: 'accept' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ source: A, target: B, status: 'accepted', decision: 'accept', by: 'alice' });
    expect(await linked(A, B)).toBe(true);
    expect(await listed('accepted')).toEqual([X, A]);
    expect(await listed('review')).toEqual([]);
    const member = (await s.app.inject({ method: 'GET', url: '/links?spec=persons&status=accepted' })).json()['hydra:member'][1];
    expect(member).toMatchObject({ decision: 'accept', reviewedBy: 'alice' });
  });

  it('rejects an accepted link: the link triple goes, the link is listed as rejected', async () => {
    expect(await linked(X, Y)).toBe(true);
    const r = await decide({ spec: 'persons', source: X, target: Y, decision: 'reject' });
    expect(r.json()).toMatchObject({ status: 'rejected', decision: 'reject' });
    expect(await linked(X, Y)).toBe(false);
    expect(await listed('rejected')).toEqual([X]);
    expect(s.store.linkDecisions.list('persons').map((d) => [d.source, d.decision, d.sourceId, d.targetId])).toEqual([
      [A, 'accept', 'dblp-1', 'acm,2'],
      [X, 'reject', 'dblp-9', 'acm-9'],
    ]);
  });

  it('exports the accepted pairs as a truth CSV (ids, quoted where needed), rejected ones left out', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/links/decisions?spec=persons&format=csv' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.body).toBe('id1,id2\ndblp-1,"acm,2"\n');
    const json = (await s.app.inject({ method: 'GET', url: '/links/decisions?spec=persons' })).json();
    expect(json.decisions).toHaveLength(2);
  });

  it('undoes a decision: the status the score gives comes back, and the decision is forgotten', async () => {
    const r = await decide({ spec: 'persons', source: X, target: Y, decision: 'undo' });
    expect(r.json()).toMatchObject({ status: 'accepted' });
    expect(r.json().decision).toBeUndefined();
    expect(await linked(X, Y)).toBe(true);
    expect(await ask(`ASK { GRAPH <${graph}> { ?l <${NS.libkg('reviewDecision')}> "reject" } }`)).toBe(false);
    expect(s.store.linkDecisions.get('persons', Y, X)).toBeUndefined();
    await decide({ spec: 'persons', source: A, target: B, decision: 'undo' });
    expect(await linked(A, B)).toBe(false);
    expect(await listed('review')).toEqual([A]);
  });

  it('refuses a request without a token before reading the body', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/links/decisions', payload: '{"spec":"persons"}', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('UNAUTHORIZED');
  });

  it.each([
    [{ spec: 'nope', source: A, target: B, decision: 'accept' }, 400, 'BAD_REQUEST', 'spec'],
    [{ spec: 'persons', source: A, target: B, decision: 'maybe' }, 400, 'BAD_REQUEST', 'decision'],
    [{ spec: 'persons', target: B, decision: 'accept' }, 400, 'BAD_REQUEST', 'source'],
    [{ spec: 'persons', source: 'not an iri>', target: B, decision: 'accept' }, 400, 'INVALID_IRI', undefined],
  ])('refuses %j as problem+json naming the parameter', async (body, status, code, parameter) => {
    const r = await decide(body);
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code, ...(parameter ? { parameter } : {}) });
  });

  it('answers 404 naming the pair for a pair the spec has no link for, and keeps no decision', async () => {
    const r = await decide({ spec: 'persons', source: A, target: Y, decision: 'accept' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'NOT_FOUND', source: A, target: Y });
    expect(s.store.linkDecisions.get('persons', A, Y)).toBeUndefined();
  });
});
