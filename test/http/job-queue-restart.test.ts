/**
 * The job queue outlives the server (issue 13, Jobs): a real `libkg serve` is killed while a link
 * job compares and started again. The killed job is reported INTERRUPTED and the link graph it would
 * have replaced is the previous run's; the jobs that were queued start on the new start, at most
 * LIBKG_JOB_CONCURRENCY at once; DELETE cancels a queued job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/jobs/jobs.js';
import { NS } from '../../src/vocab.js';
import { type ChildServer, startChildServer, stopChild } from '../helpers/child-server.js';

const TOKEN = 'job-queue-restart-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const dir = mkdtempSync(join(tmpdir(), 'libkg-job-restart-'));
let server: ChildServer | undefined;
afterAll(async () => {
  if (server) await stopChild(server.proc);
  rmSync(dir, { recursive: true, force: true });
});

const start = (concurrency: number) => startChildServer(dir, ['--engines', '1'], { LIBKG_WRITE_TOKENS: TOKEN, LIBKG_JOB_CONCURRENCY: String(concurrency) });
const job = async (s: ChildServer, id: string) => (await (await fetch(`${s.url}/jobs/${id}`)).json()) as Job;
async function until(s: ChildServer, id: string, done: (j: Job) => boolean): Promise<Job> {
  for (;;) {
    const j = await job(s, id);
    if (done(j)) return j;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const ended = (j: Job) => j.state !== 'queued' && j.state !== 'running';
const postLink = async (s: ChildServer) =>
  (await (
    await fetch(`${s.url}/jobs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'link', spec: 'persons' }),
    })
  ).json()) as Job;
/** The link graph's run as PROV says (its end time), read through SPARQL. */
async function linkRunEnd(s: ChildServer): Promise<string | undefined> {
  const q = `SELECT ?t WHERE { GRAPH ?g { ?g <${NS.prov('generatedAtTime')}> ?t } FILTER(STRENDS(STR(?g), "/graph/links/persons")) }`;
  const r = await fetch(`${s.url}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'application/sparql-results+json' } });
  const body = (await r.json()) as { results: { bindings: { t?: { value: string } }[] } };
  return body.results.bindings[0]?.t?.value;
}

/** Persons in same-surname blocks of 600, so one persons.yaml run compares for some seconds. */
function persons(base: string): string {
  const lines: string[] = [];
  for (let i = 0; i < 1800; i++) {
    const k = Math.floor(i / 2);
    const p = `<${base}id/person/q${i}>`;
    const g = `<${base}graph/test/q${i}>`;
    lines.push(
      `${p} <${NS.rdf('type')}> <${NS.foaf('Person')}> ${g} .`,
      `${p} <${NS.foaf('name')}> "Person ${k}, ${['Miller', 'Schmidt', 'Meyer'][k % 3]}" ${g} .`,
      `${p} <${NS.libkg('lifespan')}> "${1000 + k}-2000" ${g} .`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('the job queue across a restart', () => {
  it('reports the killed job INTERRUPTED, keeps the previous links, and starts the queued jobs again', async () => {
    let s = await start(1);
    server = s;
    const base = `${s.url}/`;
    const put = await fetch(`${s.url}/store`, { method: 'POST', headers: { ...auth, 'content-type': 'application/n-quads' }, body: persons(base) });
    expect(put.status).toBeLessThan(300);
    const first = await until(s, (await postLink(s)).id, ended);
    expect(first.state, JSON.stringify(first.error)).toBe('succeeded');
    const before = await linkRunEnd(s);
    expect(before).toBeDefined();

    const killed = await postLink(s);
    await until(s, killed.id, (j) => j.progress.message === 'comparing');
    const relink = await postLink(s);
    const upload = await fetch(`${s.url}/import?filename=extra.nt`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/n-triples' },
      body: `<${base}id/person/extra> <${NS.foaf('name')}> "Extra Person" .\n`,
    });
    const imported = (await upload.json()) as Job;
    const dropped = await postLink(s);
    // One at a time (LIBKG_JOB_CONCURRENCY=1): the others wait.
    expect((await job(s, relink.id)).state).toBe('queued');
    expect((await job(s, imported.id)).state).toBe('queued');
    const del = await fetch(`${s.url}/jobs/${dropped.id}`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(200);
    expect(((await del.json()) as Job).state).toBe('cancelled');
    expect((await job(s, killed.id)).state).toBe('running');

    await stopChild(s.proc, 'SIGKILL');
    s = await start(2);
    server = s;
    // The previous run's links, before the re-queued link job can have replaced them.
    expect(await linkRunEnd(s)).toBe(before);
    const interrupted = await job(s, killed.id);
    expect(interrupted).toMatchObject({ state: 'failed', error: { code: 'INTERRUPTED' } });
    expect((await job(s, dropped.id)).state).toBe('cancelled');

    const relinked = await until(s, relink.id, ended);
    const importedAgain = await until(s, imported.id, ended);
    expect(relinked.state, JSON.stringify(relinked.error)).toBe('succeeded');
    expect(importedAgain.state, JSON.stringify(importedAgain.error)).toBe('succeeded');
    expect(importedAgain.result).toMatchObject({ written: 1 });
    expect(relinked.progress).toMatchObject({ unit: 'pairs', percent: 100 });
    expect(relinked.progress.done).toBe(relinked.progress.total);
    // LIBKG_JOB_CONCURRENCY=2 now: the import started before the link job ended.
    expect(Date.parse(importedAgain.startedAt as string)).toBeLessThan(Date.parse(relinked.finishedAt as string));
    expect(await linkRunEnd(s)).not.toBe(before);
    const all = ((await (await fetch(`${s.url}/jobs`)).json()) as { jobs: Job[] }).jobs.map((j) => j.id);
    expect(all).toEqual(expect.arrayContaining([first.id, killed.id, relink.id, imported.id, dropped.id]));
  }, 240_000);
});
