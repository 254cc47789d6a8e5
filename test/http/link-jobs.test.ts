/**
 * Link discovery as a job over HTTP: POST /jobs (token), progress at GET /jobs/{id}, DELETE
 * cancels and leaves the previous links, and /health keeps answering while pairs are compared
 * (the matching runs in a worker thread).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
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
    const idle: number[] = [];
    const idleLoop = monitorEventLoopDelay({ resolution: 5 });
    idleLoop.enable();
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await fetch(`${s.url}health`);
      idle.push(performance.now() - t0);
    }
    idleLoop.disable();
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const r = await post({ kind: 'link', spec: 'persons' });
    expect(r.status).toBe(202);
    const { id } = (await r.json()) as Job;
    expect(r.headers.get('location')).toBe(`/jobs/${id}`);

    const health: number[] = [];
    let seen: Job['progress'] | undefined;
    for (;;) {
      const t0 = performance.now();
      expect((await fetch(`${s.url}health`)).status).toBe(200);
      const ms = performance.now() - t0;
      const j = await job(id);
      // Counted while pairs are compared (the worker's part; selecting and the final write are queries and one transaction).
      if (j.progress.message === 'comparing') health.push(ms);
      if (j.progress.message === 'comparing' && j.progress.done > 0 && j.progress.done < j.progress.total) {
        seen = j.progress;
        loop.enable();
      } else if (seen) loop.disable();
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
    loop.disable();
    const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] as number;
    const stallMs = loop.percentile(99) / 1e6;
    const idleStallMs = idleLoop.percentile(99) / 1e6;
    console.log(
      `/health: idle p99 ${p99(idle).toFixed(1)} ms; during the link job ${health.length} requests, p99 ${p99(health).toFixed(1)} ms; ` +
        `event-loop delay p99 idle ${idleStallMs.toFixed(1)} ms, while comparing ${stallMs.toFixed(1)} ms (max ${(loop.max / 1e6).toFixed(1)} ms)`,
    );
    expect(health.length).toBeGreaterThan(5);
    // Against the same machine without the job (it is shared with other work), as test/http/health-latency.test.ts does.
    expect(p99(health) - p99(idle)).toBeLessThan(50);
    // The comparisons never hold the HTTP thread: its event loop is no later than without the job.
    expect(stallMs - idleStallMs).toBeLessThan(50);
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
