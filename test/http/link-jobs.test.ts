import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/jobs/jobs.js';
import { linkGraphIri } from '../../src/links/results.js';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { namedNode, literal, quad } = N3.DataFactory;
/**
 * Persons in pairs with the same name and lifespan, each pair in two graphs (an authority and a
 * catalogue name). Half share one surname, half another: persons.yaml blocks on name tokens, so
 * each surname is a block of every pair of its persons (the shared "person" is too common to block
 * on), enough comparisons to watch progress and to cancel; differing lifespans keep all but the
 * true pairs below the review threshold.
 */
const PERSONS = 1600;
const SURNAMES = ['Miller', 'Schmidt'];
const PER_BLOCK = PERSONS / SURNAMES.length;
const PAIRS = SURNAMES.length * ((PER_BLOCK * (PER_BLOCK - 1)) / 2);

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ listen: true, engines: 1 });
  const puts = Array.from({ length: PERSONS }, (_, i) => {
    const p = namedNode(`${s.config.baseIri}id/person/p${i}`);
    const k = Math.floor(i / 2);
    const name = `Person ${k}, ${SURNAMES[k % SURNAMES.length]}`;
    return {
      graph: `${s.config.baseIri}graph/test/p${i}`,
      quads: [
        quad(p, namedNode(NS.rdf('type')), namedNode(NS.foaf('Person'))),
        quad(p, namedNode(NS.foaf('name')), literal(name)),
        quad(p, namedNode(NS.libkg('lifespan')), literal(`${1000 + k}-2000`)),
      ],
    };
  });
  await s.store.putGraphs(puts);
}, 60_000);
afterAll(() => s.close());

const post = (body: unknown, auth = true) =>
  fetch(`${s.url}jobs`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? s.auth : {}) }, body: JSON.stringify(body) });
const job = async (id: string) => (await (await fetch(`${s.url}jobs/${id}`)).json()) as Job;

async function until(id: string, done: (j: Job) => boolean): Promise<Job> {
  for (;;) {
    const j = await job(id);
    if (done(j)) return j;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('POST /jobs {"kind":"link"}', () => {
  it('needs a token, a kind and a shipped spec id', async () => {
    expect((await post({ kind: 'link', spec: 'persons' }, false)).status).toBe(401);
    const noKind = await post({ spec: 'persons' });
    expect(noKind.status).toBe(400);
    expect(((await noKind.json()) as { detail: string }).detail).toContain('"kind" must be "link"');
    for (const spec of ['nope', '../../etc/passwd', '/tmp/x.yaml']) {
      const r = await post({ kind: 'link', spec });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { detail: string }).detail).toContain('persons');
    }
  });

  it('runs a spec with progress (pairs, %, ETA) while /health keeps answering; the result is the link graph', async () => {
    const r = await post({ kind: 'link', spec: 'persons' });
    expect(r.status).toBe(202);
    const { id } = (await r.json()) as Job;
    expect(r.headers.get('location')).toBe(`/jobs/${id}`);

    // Latency figures belong to bench/, not to a test on a shared machine: here /health must only keep answering.
    let answered = 0;
    let seen: Job['progress'] | undefined;
    for (;;) {
      expect((await fetch(`${s.url}health`)).status).toBe(200);
      const j = await job(id);
      if (j.progress.message === 'comparing') answered++;
      if (j.progress.message === 'comparing' && j.progress.done > 0 && j.progress.done < j.progress.total) seen = j.progress;
      if (j.state !== 'queued' && j.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 20));
    }
    const done = await job(id);
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.result).toMatchObject({ accepted: PERSONS / 2, review: 0, compared: PAIRS });
    expect(done.progress).toMatchObject({ unit: 'pairs', done: PAIRS, total: PAIRS, percent: 100 });
    // Seen part way through: a fraction with a percent and an estimate of the time left.
    expect(seen?.percent).toBeGreaterThan(0);
    expect(seen?.percent).toBeLessThan(100);
    expect(seen?.etaSeconds).toBeGreaterThanOrEqual(0);
    expect(answered).toBeGreaterThan(5);
    expect(s.store.graphInfo(linkGraphIri(s.config.baseIri, 'persons'))?.quads).toBeGreaterThan(PERSONS / 2);
  }, 120_000);

  it('DELETE cancels a running link job and leaves the previous links intact', async () => {
    const before = s.store.graphInfo(linkGraphIri(s.config.baseIri, 'persons'));
    expect(before).toBeDefined();
    const { id } = (await (await post({ kind: 'link', spec: 'persons' })).json()) as Job;
    await until(id, (j) => j.progress.message === 'comparing');
    const del = await fetch(`${s.url}jobs/${id}`, { method: 'DELETE', headers: s.auth });
    expect(del.status).toBe(202);
    const ended = await until(id, (j) => j.state !== 'running');
    expect(ended.state).toBe('cancelled');
    expect(ended.error?.code).toBe('JOB_CANCELLED');
    expect(s.store.graphInfo(linkGraphIri(s.config.baseIri, 'persons'))).toEqual(before);
  }, 120_000);
});
