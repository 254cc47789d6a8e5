/**
 * Every test of the W3C SPARQL 1.1 Protocol manifest, sent over real HTTP to
 * a libkg server on loopback. Requests carry the bearer token (libkg needs one
 * for updates); `/sparql/` is the endpoint; UTF-16 bodies are sent as UTF-16.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { booleanOf, FORMAT_TYPES, readManifest, statusMatches } from './w3c-manifest.js';

const MANIFEST = fileURLToPath(new URL('../fixtures/w3c/protocol/manifest.ttl', import.meta.url));
const tests = readManifest(MANIFEST);

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ listen: true });
});
afterAll(() => s.close());

const encode = (text: string, contentType: string | undefined) =>
  /charset=utf-16/i.test(contentType ?? '') ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf8');

async function reset(graphData: { file: string; graph: string }[]) {
  const drop = await fetch(`${s.url}sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-update', ...s.auth }, body: 'DROP ALL' });
  expect(drop.status).toBe(200);
  for (const g of graphData) {
    const r = await fetch(`${s.url}store?graph=${encodeURIComponent(g.graph)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/n-triples', ...s.auth },
      body: readFileSync(g.file),
    });
    expect(r.status).toBeLessThan(300);
  }
}

describe('W3C SPARQL 1.1 Protocol manifest', () => {
  it('has the 34 SPARQL 1.1 protocol tests', () => {
    expect(tests).toHaveLength(34);
  });

  it.each(tests.map((t) => [t.id, t] as const))('%s', async (_id, t) => {
    await reset(t.graphData);
    for (const req of t.requests) {
      const path = req.path.replace(/^\/sparql\/?/, 'sparql');
      const res = await fetch(`${s.url}${path}`, {
        method: req.method,
        // A Uint8Array body keeps fetch from adding a Content-Type the test did not send.
        headers: { ...req.headers, ...s.auth },
        body: req.body === undefined ? undefined : new Uint8Array(encode(req.body, req.headers['content-type'])),
      });
      const body = await res.text();
      const type = (res.headers.get('content-type') ?? '').split(';')[0] ?? '';
      const where = `${req.method} ${req.path} -> ${res.status} ${type} ${body.slice(0, 300)}`;
      expect(statusMatches(res.status, req.expect.statuses), where).toBe(true);
      if (req.expect.format) expect(FORMAT_TYPES[req.expect.format], where).toContain(type);
      if (req.expect.boolean !== undefined) expect(booleanOf(body, type), where).toBe(req.expect.boolean);
    }
  });
});
