import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer, stopChild } from '../helpers/child-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const BODY_BYTES = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

/**
 * Starts an upload of BODY_BYTES without a token: sends the headers and one chunk, then resolves with the
 * status line if the server answers before the rest is sent. `keepSending` streams the rest as long as the
 * socket takes it (the attacker's view), and resolves when the server has closed the connection.
 */
function unauthenticatedUpload(url: string, method: string, path: string, type: string, keepSending = false): Promise<{ status: string; sentBytes: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(port), hostname);
    let response = '';
    let sent = 0;
    let status = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no answer while the body was unfinished (${sent} bytes sent, got: ${response.slice(0, 200)})`));
    }, 10_000);
    const finish = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ status, sentBytes: sent });
    };
    sock.on('connect', () => {
      sock.write(`${method} ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: ${type}\r\nContent-Length: ${BODY_BYTES}\r\n\r\n`);
      sock.write(CHUNK);
      sent += CHUNK.length;
      if (keepSending) {
        const pump = () => {
          while (sent < BODY_BYTES && !sock.destroyed) {
            sent += CHUNK.length;
            if (!sock.write(CHUNK)) return void sock.once('drain', pump);
          }
        };
        pump();
      }
    });
    sock.on('data', (d) => {
      response += d.toString('latin1');
      status ||= /^HTTP\/1\.1 (\d+)/.exec(response)?.[1] ?? '';
      if (status && !keepSending) finish();
    });
    sock.on('error', () => (status ? finish() : undefined));
    sock.on('close', () => (status ? finish() : reject(new Error(`closed without an answer: ${response}`))));
  });
}

const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

describe('tokens are checked before a write body is read', () => {
  let dir: string;
  let server: ChildServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'libkg-auth-body-'));
    server = await startChildServer(dir, [], { LIBKG_WRITE_TOKENS: 'secret-token-0123456789', LIBKG_BODY_LIMIT: String(64 * 1024 * 1024) });
  }, 90_000);
  afterAll(async () => {
    if (server) await stopChild(server.proc);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['PUT', '/store?graph=http://example.org/g', 'text/turtle'],
    ['POST', '/store?graph=http://example.org/g', 'text/turtle'],
    ['POST', '/store', 'application/n-quads'],
    ['POST', '/sparql', 'application/sparql-update'],
    ['POST', '/import?filename=x.ttl', 'text/turtle'],
  ])('%s %s answers 401 while a 50 MB body is still unsent', async (method, path, type) => {
    const r = await unauthenticatedUpload(server.url, method, path, type);
    expect(r.status).toBe('401');
    expect(r.sentBytes).toBeLessThan(BODY_BYTES);
  });

  it('eight parallel unauthenticated 50 MB PUTs do not grow the server by their bodies', async () => {
    const pid = server.proc.pid as number;
    const before = rssOf(pid);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => unauthenticatedUpload(server.url, 'PUT', `/store?graph=http://example.org/g${i}`, 'text/turtle', true)),
    );
    for (const r of results) expect(r.status).toBe('401');
    const grown = rssOf(pid) - before;
    // Buffered, the bodies would add 400 MB; closed at the 401, the server does not even receive them.
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    // The connection was closed before the body was through, and the server still answers.
    for (const r of results) expect(r.sentBytes).toBeLessThan(BODY_BYTES);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 60_000);
});

describe('with LIBKG_PUBLIC_READS=false, read routes that take a body check the token first too', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ listen: true, config: { publicReads: false } });
  }, 30_000);
  afterAll(async () => s?.close());

  it.each([
    ['POST', '/sparql', 'application/x-www-form-urlencoded'],
    ['POST', '/sparql', 'application/sparql-query'],
    ['POST', '/graphql', 'application/json'],
    ['POST', '/oai', 'application/x-www-form-urlencoded'],
    ['POST', '/reconcile', 'application/x-www-form-urlencoded'],
  ])('%s %s (%s) answers 401 while a 50 MB body is still unsent', async (method, path, type) => {
    const r = await unauthenticatedUpload(s.url.replace(/\/$/, ''), method, path, type);
    expect(r.status).toBe('401');
  });
});

describe('LIBKG_LINGER_MS', () => {
  it("keeps a refused upload's connection half-open for the linger time, discarding what still arrives", async () => {
    const s = await startTestServer({ listen: true, config: { lingerMs: 3000 } });
    try {
      const { hostname, port } = new URL(s.url);
      const sock = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
      let statusAt = 0;
      let response = '';
      const closedAt = await new Promise<number>((resolve) => {
        sock.on('connect', () => {
          sock.write(
            `PUT /store?graph=http://example.org/g HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: text/turtle\r\nContent-Length: ${BODY_BYTES}\r\n\r\n`,
          );
          // Keep sending, slowly, as a client that has not read the answer yet.
          const timer = setInterval(() => (sock.destroyed ? clearInterval(timer) : sock.write(CHUNK)), 100);
          sock.once('close', () => clearInterval(timer));
        });
        sock.on('data', (d) => {
          response += d.toString('latin1');
          if (!statusAt && /^HTTP\/1\.1 401/.test(response)) statusAt = Date.now();
        });
        sock.on('error', () => undefined);
        sock.on('close', () => resolve(Date.now()));
      });
      expect(statusAt).toBeGreaterThan(0);
      // The server's timer can only fire late on a busy machine, never early.
      expect(closedAt - statusAt).toBeGreaterThanOrEqual(2900);
    } finally {
      await s.close();
    }
  }, 30_000);
});
