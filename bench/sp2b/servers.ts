/** Starts and stops the two systems under test on loopback ports, each with its own temp data dir. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, type WriteStream, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

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
  /** After a failed or stopped query: waits until the server is back at full strength; returns the seconds waited. */
  recover(): Promise<number>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

function run(cmd: string, args: string[], opts: { cwd?: string; quiet?: boolean } = {}): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok(out) : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out.slice(-3000)}`))));
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(kill);
      ok();
    });
    child.kill(signal);
  });
}

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

/** `libkg import` the file into a fresh data dir, then `libkg serve` it. */
export async function startLibkg(o: LibkgOptions): Promise<System> {
  const root = o.root ?? REPO;
  const dir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'libkg-bench-'));
  const bin = join(root, 'bin/libkg.js');
  const t0 = performance.now();
  if (!o.dataDir) {
    const files = await importParts(o.dataFile, dir);
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
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, LIBKG_RESULT_CACHE: o.resultCache ? 'on' : 'off' } },
  );
  const base = `http://127.0.0.1:${port}`;
  const t1 = performance.now();
  await waitFor(async () => (await fetch(`${base}/health`)).ok, 'libkg serve', 30 * 60_000);
  const startS = (performance.now() - t1) / 1000;
  return {
    name: 'libkg',
    endpoint: `${base}/sparql`,
    params: {},
    loadSeconds: importS + startS,
    loadNote: o.dataDir ? 'start only: engines loading an earlier import' : 'libkg import + start',
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

const virtuosoIni = (dir: string, dataDir: string, sqlPort: number, httpPort: number, o: VirtuosoOptions) => `
[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 20
CheckpointInterval = 0
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., ${dataDir}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxMemPoolSize = 200000000
MaxQueryMem = 4G
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 10
NumberOfBuffers = ${o.buffers}
MaxDirtyBuffers = ${Math.floor(o.buffers * 0.75)}

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 20
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 20
MaxKeepAlives = 20
KeepAliveTimeout = 10
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
; no row cap: both systems must return complete answers
ResultSetMaxRows = 1000000000
MaxQueryCostEstimationTime = 100000
; Virtuoso's "anytime" limit: past it, the answer is partial and flagged in X-SQL-State; the bench counts that as a timeout
MaxQueryExecutionTime = ${o.timeoutS}
DeferInferenceRulesInit = 0
`;

/** A fresh Virtuoso (Debian virtuoso-opensource) with its own database dir; bulk loads the file with ld_dir + rdf_loader_run. */
export async function startVirtuoso(o: VirtuosoOptions): Promise<System> {
  const dir = mkdtempSync(join(tmpdir(), 'virtuoso-bench-'));
  const dataDir = resolve(dirname(o.dataFile));
  mkdirSync(dir, { recursive: true });
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'virtuoso.ini'), virtuosoIni(dir, dataDir, sqlPort, httpPort, o));
  const child = spawn('virtuoso-t', ['-f', '-c', join(dir, 'virtuoso.ini')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d) => (log = (log + d).slice(-5000)));
  const isql = (sql: string) => run('isql-vt', [`127.0.0.1:${sqlPort}`, 'dba', 'dba', `exec=${sql}`], { cwd: dir });
  try {
    await waitFor(async () => (await isql('status();').then(() => true)) as boolean, 'virtuoso', 120_000);
    const t0 = performance.now();
    await isql(`ld_dir('${dataDir}', '${basename(o.dataFile)}', '${o.graph}');`);
    await isql('rdf_loader_run();');
    await isql('checkpoint;');
    const loadSeconds = (performance.now() - t0) / 1000;
    const loaded = await isql(`SPARQL SELECT COUNT(*) FROM <${o.graph}> WHERE { ?s ?p ?o };`);
    process.stderr.write(`virtuoso: loaded in ${loadSeconds.toFixed(1)} s; ${loaded.match(/^\s*(\d+)\s*$/m)?.[1] ?? '?'} triples\n`);
    return {
      name: 'virtuoso',
      endpoint: `http://127.0.0.1:${httpPort}/sparql`,
      params: { 'default-graph-uri': o.graph },
      loadSeconds,
      loadNote: 'ld_dir + rdf_loader_run + checkpoint',
      async recover() {
        return 0;
      },
      async stop() {
        await isql('shutdown;').catch(() => undefined);
        await stopChild(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopChild(child, 'SIGKILL');
    throw new Error(`${(e as Error).message}\n${log}`);
  }
}
