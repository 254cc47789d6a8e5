/**
 * /health latency while a link job compares pairs (issue 13: p99 < 50 ms). The server is the built CLI in
 * its own process (`npm run build` first); this script is the client, so the two do not share an event loop.
 * It loads N persons in same-surname blocks of about 800 (persons.yaml compares every pair of a block), measures /health
 * idle, then while `POST /jobs {"kind":"link","spec":"persons"}` runs, and prints both p50/p99/max.
 *   npx tsx bench/link-job-health.ts [--persons 8000] [--idle 200] [--settle 10]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NS } from '../src/vocab.js';

const { values } = parseArgs({
  options: { persons: { type: 'string', default: '8000' }, idle: { type: 'string', default: '200' }, settle: { type: 'string', default: '10' } },
});
const PERSONS = Number(values.persons);
// Blocks of 800 persons (under persons.yaml's max-block), one surname each.
const SURNAMES = ['Miller', 'Schmidt', 'Meyer', 'Weber', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter'];
const BLOCKS = Math.min(SURNAMES.length, Math.ceil(PERSONS / 800));
const TOKEN = 'bench-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'libkg-link-health-'));
const bin = new URL('../bin/libkg.js', import.meta.url).pathname;
const server = spawn(process.execPath, [bin, 'serve', '--data-dir', dir, '--port', '0', '--host', '127.0.0.1', '--no-demo', '--engines', '1'], {
  env: { ...process.env, LIBKG_WRITE_TOKENS: TOKEN, LIBKG_LOG_LEVEL: 'info', LIBKG_REQUEST_LOG: 'off' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (c) => {
    out += c;
    const m = /"msg":"libkg ready"/.test(out) && /"url":"(http:[^"]+)"/.exec(out);
    if (m) resolve(m[1] as string);
  });
  server.once('exit', (code) => reject(new Error(`server exited (${code}): ${out.slice(-500)}`)));
});
const base = url; // the data dir's base IRI is the listening URL
const auth = { authorization: `Bearer ${TOKEN}` };

const lines: string[] = [];
for (let i = 0; i < PERSONS; i++) {
  const k = Math.floor(i / 2);
  const p = `<${base}id/person/p${i}>`;
  const g = `<${base}graph/bench/p${i}>`;
  lines.push(
    `${p} <${NS.rdf('type')}> <${NS.foaf('Person')}> ${g} .`,
    `${p} <${NS.foaf('name')}> "Person ${k}, ${SURNAMES[k % BLOCKS]}" ${g} .`,
    // Birth years 3 apart within a block (persons.yaml v3 reads the first year 1000-2999): only the pairs of one k agree.
    `${p} <${NS.libkg('lifespan')}> "${1000 + 3 * Math.floor(k / BLOCKS)}-2999" ${g} .`,
  );
}
const put = await fetch(`${url}store`, { method: 'POST', headers: { ...auth, 'content-type': 'application/n-quads' }, body: `${lines.join('\n')}\n` });
if (!put.ok) throw new Error(`loading persons: ${put.status} ${await put.text()}`);

const timeHealth = async () => {
  const t0 = performance.now();
  const r = await fetch(`${url}health`);
  await r.arrayBuffer();
  return performance.now() - t0;
};
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s[Math.min(s.length - 1, Math.floor(s.length * q))] as number).toFixed(1);
  return `n=${s.length} p50=${at(0.5)} ms p99=${at(0.99)} ms max=${(s[s.length - 1] as number).toFixed(1)} ms`;
};

// Let the search index take in the loaded graphs first: its catching up is not the link job's cost.
await new Promise((r) => setTimeout(r, Number(values.settle) * 1000));
const idle: number[] = [];
for (let i = 0; i < Number(values.idle); i++) idle.push(await timeHealth());
const job = (await (
  await fetch(`${url}jobs`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'link', spec: 'persons' }),
  })
).json()) as { id: string };
const during: number[] = [];
// Every phase the job is in (selecting, comparing, writing the link graph): the main-thread parts too.
const running: number[] = [];
let state = 'queued';
let progress: { message?: string; done?: number; total?: number } = {};
const t0 = performance.now();
while (state === 'queued' || state === 'running') {
  const ms = await timeHealth();
  const j = (await (await fetch(`${url}jobs/${job.id}`)).json()) as { state: string; progress: typeof progress };
  state = j.state;
  if (j.progress.message === 'comparing') during.push(ms);
  if (j.state === 'running') running.push(ms);
  progress = j.progress;
  await new Promise((r) => setTimeout(r, 10));
}
console.log(`persons ${PERSONS}, pairs compared ${progress.done}, job ${state} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`/health idle:             ${stats(idle)}`);
console.log(`/health while comparing:  ${stats(during)}   (target p99 < 50 ms; no peer figure: Silk and LIMES have no server to ask)`);
console.log(`/health while running:    ${stats(running)}   (all phases: selecting, comparing, writing)`);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(dir, { recursive: true, force: true });
