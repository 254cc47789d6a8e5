/**
 * Every test of the W3C Graph Store Protocol manifests (indirect and direct
 * graph identification, POST graph creation), over real HTTP to a libkg
 * server on loopback; `/gsp` is libkg's `/store`. Bodies are compared as
 * graphs (canonical N-Quads), as the manifest asks.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { canonicalTurtle, readManifest, statusMatches } from './w3c-manifest.js';

const dir = (name: string) => fileURLToPath(new URL(`../fixtures/w3c/graph-store-protocol/${name}`, import.meta.url));
const tests = [...readManifest(dir('manifest-indirect.ttl')), ...readManifest(dir('manifest-direct.ttl'))];

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ listen: true });
});
afterAll(() => s.close());

describe('W3C Graph Store Protocol manifests', () => {
  it('has the 7 indirect and 5 direct identification tests (one of them missing from mf:entries)', () => {
    expect(tests).toHaveLength(12);
  });

  it.each(tests.map((t) => [t.id, t] as const))('%s', async (_id, t) => {
    const drop = await fetch(`${s.url}sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-update', ...s.auth }, body: 'DROP ALL' });
    expect(drop.status).toBe(200);
    const vars: Record<string, string> = {};
    const fill = (text: string) => text.replace(/\$[A-Z]+\$/g, (v) => vars[v] ?? v);
    for (const req of t.requests) {
      const path = fill(req.path).replace(/^\/gsp/, 'store');
      const res = await fetch(`${s.url}${path}`, {
        method: req.method,
        headers: { ...req.headers, ...s.auth },
        body: req.body === undefined ? undefined : new Uint8Array(Buffer.from(fill(req.body))),
      });
      const body = await res.text();
      const where = `${req.method} ${path} -> ${res.status} ${body.slice(0, 300)}`;
      expect(statusMatches(res.status, req.expect.statuses), where).toBe(true);
      if (req.expect.location) {
        const location = res.headers.get('location');
        expect(location, where).toBeTruthy();
        vars[req.expect.location] = location as string;
      }
      for (const [name, value] of Object.entries(req.expect.headers)) expect(res.headers.get(name), where).toBe(value);
      if (req.expect.body !== undefined) {
        expect(await canonicalTurtle(body, s.url), where).toBe(await canonicalTurtle(req.expect.body, s.url));
      }
    }
  });
});
