/** Starts and stops the two systems under test on loopback ports, each with its own temp data dir. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort, launchVirtuoso, run as runIn, stopChild, waitFor } from '../../test/helpers/virtuoso.js';

export { freePort };

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface System {
  name: 'libkg' | 'virtuoso';
  /** SPARQL endpoint URL. */
  endpoint: string;
  /** Extra form fields every query carries. */
  params: Record<string, string>;
  loadSeconds: number;
  /** What loadSeconds covers. */
  loadNote: string;
  /** The server's process, whose CPU time a bench may read (Linux /proc); absent for systems not started as one. */
  pid?: number;
  /** After a failed or stopped query: waits until the server is back at full strength; returns the seconds waited. */
  recover(): Promise<number>;
  stop(): Promise<void>;
}

const run = (cmd: string, args: string[], opts: { cwd?: string } = {}) => runIn(cmd, args, opts.cwd ?? REPO);

export interface LibkgOptions {
  dataFile: string;
  /** Checkout whose bin/libkg.js runs (default: this one); a snapshot keeps other work-in-progress out. */
  root?: string;
  /** An already imported data dir: served as is (and kept), skipping the import. */
  dataDir?: string;
  /** Off by default: repeated runs of one query would measure cache hits, not the engine. */
  resultCache?: boolean;
  timeoutS: number;
  engines: number;
  quadBudget: number;
}

/** Lines per imported file: a file becomes one graph, and one graph must stay under V8's string limit in the journal (5 M lines do not). */
const LINES_PER_PART = 1_000_000;

/** The file itself, or (when longer) parts of LINES_PER_PART lines in `<dir>/parts/`: the same triples in several graphs. */
export async function importParts(file: string, dir: string): Promise<string[]> {
  if (statSync(file).size < 200 * 1024 * 1024) return [file];
  const partsDir = join(dir, 'parts');
  mkdirSync(partsDir, { recursive: true });
  const files: string[] = [];
  let out: WriteStream | undefined;
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (n % LINES_PER_PART === 0) {
      if (out) await new Promise((ok) => out?.end(ok));
      const part = join(partsDir, `part${files.length}.nt`);
      files.push(part);
      out = createWriteStream(part);
    }
    if (!(out as WriteStream).write(`${line}\n`)) await once(out as WriteStream, 'drain');
    n++;
  }
  if (out) await new Promise((ok) => out?.end(ok));
  return files;
}

/**
 * Whether the server's search index has taken in every change (`libkg_search_index_lag` of /metrics). A server
 * indexes an import it did not make after it starts answering, in slices between requests: timed queries would
 * share the CPU with that work for a while. Builds without /metrics index in one stall before they answer.
 */
async function searchIndexCaughtUp(base: string): Promise<boolean> {
  const res = await fetch(`${base}/metrics`);
  if (!res.ok) return true;
  const lag = /^libkg_search_index_lag (\d+)/m.exec(await res.text());
  return !lag || lag[1] === '0';
}

/** `libkg import` the file into a fresh data dir, then `libkg serve` it. */
export async function startLibkg(o: LibkgOptions): Promise<System> {
  const root = o.root ?? REPO;
  const dir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'libkg-bench-'));
  const bin = join(root, 'bin/libkg.js');
  const t0 = performance.now();
  if (!o.dataDir) {
    const files = await importParts(o.dataFile, dir);
    // The import alone: no linking steps after it (they rebuild an engine; SP2Bench has no subjects to link).
    process.env.LIBKG_IMPORT_LINKS = 'off';
    await run(process.execPath, [bin, 'import', '--data-dir', dir, '--quad-budget', String(o.quadBudget), ...files], { cwd: root });
  }
  const importS = (performance.now() - t0) / 1000;
  if (o.dataDir) process.stderr.write(`libkg: serving the imported data in ${dir} (import not timed)\n`);
  else process.stderr.write(`libkg: imported in ${importS.toFixed(1)} s\n`);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...['--max-old-space-size=8192', bin, 'serve', '--data-dir', dir, '--port', String(port), '--host', '127.0.0.1', '--no-demo'],
      ...['--engines', String(o.engines), '--query-timeout', String(o.timeoutS), '--max-result-bytes', String(480 * 1024 * 1024)],
      ...['--quad-budget', String(o.quadBudget), '--log-level', 'warn'],
      // The import recorded the default base; serving it on another port is the proxy case, said explicitly.
      ...['--base-iri', 'http://localhost:8080/'],
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, LIBKG_RESULT_CACHE: o.resultCache ? 'on' : 'off' } },
  );
  const base = `http://127.0.0.1:${port}`;
  const t1 = performance.now();
  await waitFor(async () => (await fetch(`${base}/health`)).ok, 'libkg serve', 30 * 60_000);
  const startS = (performance.now() - t1) / 1000;
  // Not part of the load time (as before), but no query is timed while the index takes in the import.
  await waitFor(() => searchIndexCaughtUp(base), 'libkg search index', 30 * 60_000);
  return {
    name: 'libkg',
    endpoint: `${base}/sparql`,
    params: {},
    loadSeconds: importS + startS,
    loadNote: o.dataDir ? 'start only: engines loading an earlier import' : 'libkg import + start',
    pid: child.pid,
    // A stopped query costs its engine (worker) a rebuild from the journal; measure on all engines again.
    async recover() {
      const t = performance.now();
      await waitFor(
        async () => {
          const h = (await (await fetch(`${base}/health`)).json()) as { engines: { state: string }[] };
          return h.engines.length > 0 && h.engines.every((e) => e.state === 'ready');
        },
        'libkg engines',
        30 * 60_000,
      );
      return (performance.now() - t) / 1000;
    },
    async stop() {
      await stopChild(child);
      if (!o.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface VirtuosoOptions {
  dataFile: string;
  graph: string;
  timeoutS: number;
  /** 8 KiB pages of buffer cache. */
  buffers: number;
}

/** A fresh Virtuoso (Debian virtuoso-opensource) with its own database dir; bulk loads the file with ld_dir + rdf_loader_run. */
export async function startVirtuoso(o: VirtuosoOptions): Promise<System> {
  const dataDir = resolve(dirname(o.dataFile));
  // Virtuoso's "anytime" limit: past it, the answer is partial and flagged in X-SQL-State; the bench counts that as a timeout.
  const v = await launchVirtuoso({ buffers: o.buffers, maxQueryExecutionS: o.timeoutS, dirsAllowed: [dataDir] });
  try {
    const t0 = performance.now();
    await v.isql(`ld_dir('${dataDir}', '${basename(o.dataFile)}', '${o.graph}');`);
    await v.isql('rdf_loader_run();');
    await v.isql('checkpoint;');
    const loadSeconds = (performance.now() - t0) / 1000;
    const loaded = await v.isql(`SPARQL SELECT COUNT(*) FROM <${o.graph}> WHERE { ?s ?p ?o };`);
    process.stderr.write(`virtuoso: loaded in ${loadSeconds.toFixed(1)} s; ${loaded.match(/^\s*(\d+)\s*$/m)?.[1] ?? '?'} triples\n`);
    return {
      name: 'virtuoso',
      endpoint: v.endpoint,
      params: { 'default-graph-uri': o.graph },
      loadSeconds,
      loadNote: 'ld_dir + rdf_loader_run + checkpoint',
      async recover() {
        return 0;
      },
      stop: () => v.stop(),
    };
  } catch (e) {
    await v.stop();
    throw e;
  }
}
