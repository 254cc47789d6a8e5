/**
 * `libkg serve` in a terminal prints a start message and one short line per request; without a
 * terminal it keeps pino's JSON lines (with one JSON line per request). The terminal is a real
 * pseudo-terminal: util-linux `script` runs the built CLI inside one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { explainDemoRejections, formatLogLine, startMessage } from '../../src/cli/terminal.js';
import { importPaths } from '../../src/ingest/pipeline.js';
import { createIngest } from '../../src/ingest/setup.js';
import { BIN, startChildServer, stopChild } from '../helpers/child-server.js';
import { startTestServer } from '../helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'libkg-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jsonLines = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function waitFor(what: () => boolean, label: string, output: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}; output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('libkg serve without a terminal', () => {
  it('writes JSON lines, one per request, and a ready line with the URL and quad count', async () => {
    const server = await startChildServer(join(dir, 'json'), ['--engines', '1']);
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect((await fetch(`${server.url}/no-such-page?x=1`)).status).toBe(404);
      await waitFor(() => server.output().includes('/no-such-page'), 'the request line', server.output);
      const lines = jsonLines(server.output());
      expect(server.output().trim().split('\n').length).toBe(lines.length); // nothing but JSON
      const requests = lines.filter((l) => l.msg === 'request');
      // The helper's own readiness probes come first.
      expect(requests.slice(-2).map((l) => [l.method, l.url, l.status])).toEqual([
        ['GET', '/health', 200],
        ['GET', '/no-such-page?x=1', 404],
      ]);
      expect(typeof requests[0]?.ms).toBe('number');
      expect(lines.find((l) => l.msg === 'libkg ready')).toMatchObject({ url: `${server.url}/`, quads: 0 });
    } finally {
      await stopChild(server.proc);
    }
  });

  it('writes no request lines with --request-log off', async () => {
    const server = await startChildServer(join(dir, 'quiet'), ['--engines', '1', '--request-log', 'off']);
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(await stopChild(server.proc)).toBe(0);
      expect(jsonLines(server.output()).filter((l) => l.msg === 'request')).toEqual([]);
    } finally {
      await stopChild(server.proc);
    }
  });

  it('refuses a request-log value that is not on or off', async () => {
    await expect(startChildServer(join(dir, 'bad'), ['--request-log', 'sometimes'])).rejects.toThrow(/request log must be true or false, got "sometimes"/);
  });
});

describe('libkg serve in a terminal', () => {
  it('prints a start message and one human line per request, and stops on Ctrl-C', async () => {
    // script(1) gives the command a pseudo-terminal; its own stdin goes to that terminal, so \x03 is a real Ctrl-C.
    // `exec`: script runs the command through $SHELL (dash when unset, as on CI), and a shell left waiting
    // in between would die of the same Ctrl-C with status 130 while libkg itself exits 0.
    const cmd = `exec ${[process.execPath, BIN, 'serve', '--data-dir', join(dir, 'tty'), '--port', '0', '--host', '127.0.0.1', '--no-demo', '--engines', '1']
      .map((a) => `'${a}'`)
      .join(' ')}`;
    const proc = spawn('script', ['-qfec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LIBKG_LOG_LEVEL: 'info' } });
    let out = '';
    proc.stdout.on('data', (c) => {
      out += c;
    });
    proc.stderr.on('data', (c) => {
      out += c;
    });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    try {
      await waitFor(
        () => /libkg is listening on http:\/\/127\.0\.0\.1:\d+\//.test(out),
        'the start message',
        () => out,
      );
      const url = /libkg is listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      expect(out).toContain(`${url}/sparql`);
      expect(out).toContain(`${url}/search`);
      expect(out).toMatch(/0 quads in .*tty/);
      expect(out).toContain('Ctrl-C stops the server');
      expect((await fetch(`${url}/health`)).status).toBe(200);
      await waitFor(
        () => /\d\d:\d\d:\d\d {2}GET \/health 200 [\d.]+ ms/.test(out),
        'the request line',
        () => out,
      );
      expect(out).not.toMatch(/^\{/m); // no JSON on a terminal
      expect(out).not.toContain('Server listening at'); // said once, in the start message
      proc.stdin.write('\x03');
      expect(await exited).toBe(0);
      expect(out).toContain('shutting down: draining requests [signal=SIGINT]');
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
  });
});

describe('The terminal format', () => {
  it('turns a warning with an error into one line that keeps the reason', () => {
    const line = formatLogLine(JSON.stringify({ level: 40, time: Date.UTC(2026, 0, 1), msg: 'engine retired', engine: 2, err: { message: 'trap' } }));
    expect(line).toMatch(/^\d\d:\d\d:\d\d {2}warning: engine retired \(trap\) \[engine=2\]$/);
    expect(formatLogLine('not json')).toBe('not json');
    const error = formatLogLine(JSON.stringify({ level: 50, msg: 'boom', err: { message: 'bad', stack: 'Error: bad\n    at f (x.js:1:1)' } }));
    expect(error).toMatch(/ {2}error: boom \(bad\)\n {4}Error: bad\n {8}at f \(x\.js:1:1\)$/);
  });

  it("explains the demo data's rejected records from a real import of the fixtures that hold them", async () => {
    const server = await startTestServer();
    try {
      const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
      const baseIri = server.config.baseIri;
      const summary = await importPaths(
        server.store,
        [join(fixtures, 'catalog/marc4j-sample1a.xml'), join(fixtures, 'authors/gnd-marc21/marc21-rs-DUMP.mrc')],
        {
          baseIri,
          ...(await createIngest({ baseIri })),
        },
      );
      // The 5 holdings records of marc4j-sample1a.xml are imported (as items of their works) since issue 16.
      expect(summary.rejected).toBe(1);
      expect(explainDemoRejections(summary)).toEqual([
        "1 deliberately broken MARC record (the leader's length is off by one byte)",
        'They show that a bad record is reported and nothing of it written: fixtures/*/PROVENANCE.md.',
      ]);
      const message = startMessage({ url: 'http://localhost:8080', quads: 12, dataDir: '/d', requestLog: true, demo: summary });
      expect(message).toContain(
        `demo data from fixtures/: ${summary.read} records read, ${summary.written} written, 1 rejected on purpose:\n    1 deliberately broken`,
      );
    } finally {
      await server.close();
    }
  });
});
