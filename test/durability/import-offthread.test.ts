import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer, stopChild } from '../helpers/child-server.js';

/**
 * Turtle whose lexing is slow but whose writes are tiny: each literal is just under the token limit,
 * and the N3 lexer is quadratic on one token (~0.25 s each on an idle core). A guard that seconds of
 * import CPU leave /health answering (the stream parser yields between chunks, so this passed on the
 * HTTP thread too); the SIGTERM case is what needs the worker: it is terminated, not waited for.
 */
const slowTurtle = (tokens: number, tag: string) =>
  Array.from({ length: tokens }, (_, i) => `<http://ex.org/${tag}/s${i}> <http://ex.org/p> "${'x'.repeat(900 * 1024)}" .`).join('\n');

const auth = { authorization: 'Bearer tok' };

async function postImport(url: string, name: string, body: string): Promise<string> {
  const r = await fetch(`${url}/import?filename=${name}`, { method: 'POST', headers: { ...auth, 'content-type': 'text/turtle' }, body });
  expect(r.status).toBe(202);
  return `${url}${r.headers.get('location')}`;
}

const jobState = async (location: string) => (await (await fetch(location, { headers: auth })).json()) as { state: string; progress: { done: number } };

describe('HTTP imports run off the HTTP thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-offthread-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('/health answers within 200 ms (p99) while an import lexes for seconds', async () => {
    const server = await startChildServer(dir, ['--engines', '1'], { LIBKG_WRITE_TOKENS: 'tok' });
    try {
      const location = await postImport(server.url, 'slow.ttl', slowTurtle(16, 'slow'));
      const times: number[] = [];
      let state = 'queued';
      while (state === 'queued' || state === 'running') {
        const t0 = performance.now();
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        if (state === 'running') times.push(performance.now() - t0);
        state = (await jobState(location)).state;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(state).toBe('succeeded');
      expect(times.length).toBeGreaterThan(20);
      times.sort((a, b) => a - b);
      const p99 = times[Math.floor(times.length * 0.99)] as number;
      expect(p99).toBeLessThan(200);
    } finally {
      await stopChild(server.proc);
    }
  }, 180_000);

  it('SIGTERM during an import exits 0 within the grace period; the import is INTERRUPTED and nothing of it written', async () => {
    const server = await startChildServer(dir, ['--engines', '1'], { LIBKG_WRITE_TOKENS: 'tok' });
    // Far longer than the 10 s grace period: the server must not wait for it.
    const location = await postImport(server.url, 'endless.ttl', slowTurtle(60, 'endless'));
    for (let i = 0; i < 600 && (await jobState(location)).state !== 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    const code = await stopChild(server.proc, 'SIGTERM');
    const stopMs = Date.now() - t0;
    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(10_000);
    const again = await startChildServer(dir, ['--engines', '1'], { LIBKG_WRITE_TOKENS: 'tok' });
    try {
      const job = (await (await fetch(location.replace(server.url, again.url), { headers: auth })).json()) as { state: string; error: { code: string } };
      // A shutdown is not the user's cancel: the job is failed as INTERRUPTED, as after a crash (src/jobs/jobs.ts).
      expect(job).toMatchObject({ state: 'failed', error: { code: 'INTERRUPTED' } });
      const ask = await fetch(`${again.url}/sparql?query=${encodeURIComponent('ASK { <http://ex.org/endless/s0> ?p ?o }')}`, {
        headers: { accept: 'application/sparql-results+json' },
      });
      expect(((await ask.json()) as { boolean: boolean }).boolean).toBe(false);
    } finally {
      await stopChild(again.proc);
    }
  }, 180_000);
});
