/**
 * Starts a real Virtuoso (Debian virtuoso-opensource: `virtuoso-t`, `isql-vt`) on loopback ports
 * with its own database dir. Shared by the remote-store tests and the SPARQL bench (bench/sp2b/servers.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok(out) : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out.slice(-3000)}`))));
  });
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
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

export interface VirtuosoSettings {
  /** 8 KiB pages of buffer cache (the tests need few). */
  buffers?: number;
  /** Virtuoso's "anytime" query limit in seconds (0: none). */
  maxQueryExecutionS?: number;
  /** Directories bulk loads may read (ld_dir). */
  dirsAllowed?: string[];
  /** Let the anonymous SPARQL user update (loopback test instances only). */
  anonymousUpdate?: boolean;
  /** Reuse a database dir and ports (a restart); fresh ones otherwise. */
  dir?: string;
  sqlPort?: number;
  httpPort?: number;
}

const virtuosoIni = (dir: string, sqlPort: number, httpPort: number, buffers: number, maxQueryS: number, dirsAllowed: string[]) => `
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
DirsAllowed = ${['.', ...dirsAllowed].join(', ')}
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
NumberOfBuffers = ${buffers}
MaxDirtyBuffers = ${Math.floor(buffers * 0.75)}

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
; no row cap: answers must be complete
ResultSetMaxRows = 1000000000
MaxQueryCostEstimationTime = 100000
; Virtuoso's "anytime" limit: past it, the answer is partial and flagged in X-SQL-State
MaxQueryExecutionTime = ${maxQueryS}
DeferInferenceRulesInit = 0
`;

export interface Virtuoso {
  dir: string;
  sqlPort: number;
  httpPort: number;
  /** The SPARQL 1.1 Protocol endpoint. */
  endpoint: string;
  isql(sql: string): Promise<string>;
  /** Graphs a fresh database already holds (Virtuoso's own). */
  systemGraphs: string[];
  /** Drops every graph but Virtuoso's own (over SPARQL: needs \`anonymousUpdate\`). */
  dropData(): Promise<void>;
  /** Stops the server (a clean shutdown: it checkpoints); `keep` leaves the database dir for a restart. */
  stop(options?: { keep?: boolean }): Promise<void>;
}

/** A Virtuoso with its own database dir (fresh unless `dir` is given), started and answering isql and HTTP. */
export async function launchVirtuoso(s: VirtuosoSettings = {}): Promise<Virtuoso> {
  const dir = s.dir ?? mkdtempSync(join(tmpdir(), 'virtuoso-'));
  mkdirSync(dir, { recursive: true });
  const sqlPort = s.sqlPort ?? (await freePort());
  const httpPort = s.httpPort ?? (await freePort());
  writeFileSync(join(dir, 'virtuoso.ini'), virtuosoIni(dir, sqlPort, httpPort, s.buffers ?? 10_000, s.maxQueryExecutionS ?? 0, s.dirsAllowed ?? []));
  const child = spawn('virtuoso-t', ['-f', '-c', join(dir, 'virtuoso.ini')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d) => (log = (log + d).slice(-5000)));
  const isql = (sql: string) => run('isql-vt', [`127.0.0.1:${sqlPort}`, 'dba', 'dba', `exec=${sql}`], dir);
  const endpoint = `http://127.0.0.1:${httpPort}/sparql`;
  try {
    await waitFor(async () => (await isql('status();').then(() => true)) as boolean, 'virtuoso', 120_000);
    await waitFor(async () => (await fetch(`${endpoint}?query=${encodeURIComponent('ASK {}')}`)).ok, 'virtuoso http', 60_000);
    if (s.anonymousUpdate) await isql('GRANT SPARQL_UPDATE TO "SPARQL";');
  } catch (e) {
    await stopChild(child, 'SIGKILL');
    throw new Error(`${(e as Error).message}\n${log}`);
  }
  const graphs = async () => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query: 'SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }' }),
    });
    return ((await res.json()) as { results: { bindings: { g: { value: string } }[] } }).results.bindings.map((b) => b.g.value);
  };
  const systemGraphs = s.dir ? [] : await graphs();
  return {
    dir,
    sqlPort,
    httpPort,
    endpoint,
    isql,
    systemGraphs,
    async dropData() {
      const drop = (await graphs()).filter((g) => !systemGraphs.includes(g)).map((g) => `DROP SILENT GRAPH <${g}>`);
      // Virtuoso refuses a few hundred operations in one request.
      for (let i = 0; i < drop.length; i += 50) {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ update: drop.slice(i, i + 50).join(' ;\n') }),
        });
        if (!res.ok) throw new Error(`virtuoso: dropping graphs failed: ${res.status} ${(await res.text()).slice(0, 500)}`);
      }
    },
    async stop(options = {}) {
      await isql('shutdown;').catch(() => undefined);
      await stopChild(child);
      if (!options.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
