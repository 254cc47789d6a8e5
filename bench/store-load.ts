/**
 * Bulk load and rebuild figures for the embedded store (issue: foundation).
 * For each size: generate realistic bibliographic N-Quads, `libkg import` them
 * into a fresh data dir (quads/s, peak RSS), then start `libkg serve` and time
 * the engine rebuild from SQLite (quads/s, peak RSS of the server).
 * Usage: npx tsx bench/store-load.ts [quads ...]   (default 1000000 5000000)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBiblio } from './gen-biblio.js';

const BIN = new URL('../bin/libkg.js', import.meta.url).pathname;

function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs a command, sampling its peak RSS from /proc until it exits. */
async function measure(args: string[], until?: (out: string) => boolean): Promise<{ ms: number; rssMiB: number; out: string; stop: () => void }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LIBKG_LOG_LEVEL: 'info', LIBKG_IMPORT_LINKS: 'off' },
  });
  let out = '';
  let rss = 0;
  const timer = setInterval(() => {
    rss = Math.max(rss, peakRss(child.pid as number));
  }, 50);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearInterval(timer);
      resolve({ ms: performance.now() - t0, rssMiB: rss, out, stop: () => child.kill('SIGTERM') });
    };
    const onData = (c: Buffer) => {
      out += c;
      if (until?.(out)) done();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => (code === 0 || until ? done() : reject(new Error(`exit ${code}: ${out}`))));
  });
}

const sizes = process.argv.slice(2).map(Number);
const rows: string[] = [];
for (const n of sizes.length ? sizes : [1_000_000, 5_000_000]) {
  mkdirSync('bench/data', { recursive: true });
  const file = `bench/data/biblio-${n}.nq`;
  if (!existsSync(file)) await writeBiblio(n, file);
  const dir = mkdtempSync(join(tmpdir(), 'libkg-bench-'));
  const imp = await measure(['import', '--data-dir', dir, '--quad-budget', '12000000', file]);
  const quads = Number(/"quads": (\d+)/.exec((await measure(['stats', '--data-dir', dir])).out)?.[1]);
  const serve = await measure(
    ['serve', '--data-dir', dir, '--port', '0', '--host', '127.0.0.1', '--engines', '1', '--no-demo', '--quad-budget', '12000000'],
    (o) => o.includes('Server listening'),
  );
  serve.stop();
  const engineMs = Number(/"ms":(\d+)/.exec(serve.out)?.[1] ?? serve.ms);
  rmSync(dir, { recursive: true, force: true });
  rows.push(
    `| ${n.toLocaleString('en')} | ${quads.toLocaleString('en')} | ${Math.round((quads / imp.ms) * 1000).toLocaleString('en')} | ${Math.round(imp.rssMiB)} | ${Math.round((quads / engineMs) * 1000).toLocaleString('en')} | ${(serve.ms / 1000).toFixed(1)} | ${Math.round(serve.rssMiB)} |`,
  );
  console.log(rows.at(-1));
}
console.log(
  '\n| target quads | quads stored | import quads/s | import peak RSS MiB | engine rebuild quads/s | start-up to listening s | server peak RSS MiB |',
);
console.log('|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
