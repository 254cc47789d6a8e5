import { REQUEST_LOG_MSG } from '../http/kit/request-log.js';
import type { ImportSummary } from '../ingest/types.js';

/**
 * `libkg serve` on a terminal: pino's JSON lines become short human lines, and a start message
 * says where libkg listens and what to open. Without a terminal (a service, a pipe, a test) the
 * JSON lines stay as they are, for log collectors.
 */

type LogLine = Record<string, unknown> & { level?: number; time?: number; msg?: string };

const LEVEL_WORDS: Record<number, string> = { 10: 'trace', 20: 'debug', 40: 'warning', 50: 'error', 60: 'fatal' };
// Fields every pino line carries, or that the human line already shows.
const PLAIN_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'err']);
const MAX_URL = 120;

const clock = (time: number | undefined) => new Date(time ?? Date.now()).toTimeString().slice(0, 8);

/** A pino JSON line as one human line (without newline); undefined for lines the start message replaces. */
export function formatLogLine(json: string): string | undefined {
  let line: LogLine;
  try {
    line = JSON.parse(json) as LogLine;
  } catch {
    return json.trimEnd();
  }
  const msg = String(line.msg ?? '');
  // Fastify announces each address; the start message says it once, with what to open.
  if (msg.startsWith('Server listening at ')) return undefined;
  if (msg === REQUEST_LOG_MSG && typeof line.method === 'string') {
    const url = String(line.url);
    return `${clock(line.time)}  ${line.method} ${url.length > MAX_URL ? `${url.slice(0, MAX_URL)}…` : url} ${line.status} ${line.ms} ms`;
  }
  const word = LEVEL_WORDS[line.level ?? 30];
  const fields = Object.entries(line)
    .filter(([k, v]) => !PLAIN_FIELDS.has(k) && v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}=${v}`);
  const err = line.err as { message?: string; stack?: string } | undefined;
  const text = [word && `${word}:`, msg, err?.message && `(${err.message})`, fields.length ? `[${fields.join(' ')}]` : ''].filter(Boolean).join(' ');
  // An error (a 500, a crash) keeps its stack: it is what a person at the terminal needs to report it.
  const stack = (line.level ?? 30) >= 50 && err?.stack ? `\n${err.stack.replace(/^/gm, '    ')}` : '';
  return `${clock(line.time)}  ${text}${stack}`;
}

/** A pino destination writing human lines to out (pino writes one JSON line per call). */
export function humanLogStream(out: { write(s: string): unknown }): { write(line: string): void } {
  return {
    write(chunk: string) {
      for (const json of chunk.split('\n')) {
        if (!json.trim()) continue;
        const human = formatLogLine(json);
        if (human !== undefined) out.write(`${human}\n`);
      }
    },
  };
}

/**
 * Why the demo data's rejected records are rejected: the fixtures keep them on purpose, to show
 * that a bad record is reported and nothing of it written (fixtures/ * /PROVENANCE.md).
 */
export function explainDemoRejections(summary: ImportSummary): string[] {
  if (summary.rejected === 0) return [];
  const leader = summary.rejections.filter((r) => /bad leader/.test(r.reason)).length;
  const other = summary.rejections.length - leader;
  return [
    leader && `${leader} deliberately broken MARC record${leader > 1 ? 's' : ''} (the leader's length is off by one byte)`,
    other && `${other} other${other > 1 ? 's' : ''} (libkg import --help explains the reasons)`,
    'They show that a bad record is reported and nothing of it written: fixtures/*/PROVENANCE.md.',
  ].filter((l): l is string => Boolean(l));
}

export interface StartInfo {
  /** Where the server listens, e.g. http://localhost:8080 (no trailing slash). */
  url: string;
  quads: number;
  dataDir: string;
  requestLog: boolean;
  /** The demo import of this start, if it ran. */
  demo?: ImportSummary;
}

/** The few lines a person starting `libkg serve` in a terminal reads first. */
export function startMessage(info: StartInfo): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    '',
    `libkg is listening on ${info.url}/`,
    '',
    `  ${info.url}/          start page`,
    `  ${info.url}/sparql    SPARQL queries (YASGUI in a browser)`,
    `  ${info.url}/search    search (try ?q=goethe)`,
    '',
    `  ${n(info.quads)} quads in ${info.dataDir}`,
  ];
  if (info.demo) {
    const d = info.demo;
    const rejected = d.rejected ? `, ${n(d.rejected)} rejected on purpose:` : '';
    lines.push(`  demo data from fixtures/: ${n(d.read)} records read, ${n(d.written)} written${rejected}`);
    for (const why of explainDemoRejections(d)) lines.push(`    ${why}`);
  }
  lines.push('', `  Ctrl-C stops the server.${info.requestLog ? ' One line per request below (--request-log off to silence).' : ''}`, '');
  return lines.join('\n');
}

/** The URL a person can open for the address the server listens on (any-interface addresses become localhost). */
export function browsableUrl(address: string | { address: string; port: number } | null, fallbackPort: number): string {
  if (!address || typeof address === 'string') return `http://localhost:${fallbackPort}`;
  const host = ['0.0.0.0', '::'].includes(address.address) ? 'localhost' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
