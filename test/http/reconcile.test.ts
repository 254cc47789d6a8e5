import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/vocab.js';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
const BASE = 'http://localhost:8080/';

beforeAll(async () => {
  s = await startTestServer({ listen: true });
  await importFixtures(s.store, BASE, ['catalog/marc2bibframe2-gwu-subset.xml', 'authors/gnd-marc21/marc21-rs-DUMP.mrc', 'datasets/datacite-xml']);
}, 30_000);
afterAll(async () => s?.close());

interface Result {
  id: string;
  name: string;
  type: { id: string; name: string }[];
  score: number;
  match: boolean;
  description?: string;
}

/** As OpenRefine sends a batch: POST, form-encoded, one `queries` field holding JSON. */
async function reconcile(queries: Record<string, unknown>): Promise<Record<string, { result: Result[] }>> {
  const r = await fetch(`${s.url}reconcile`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', accept: 'application/json' },
    body: new URLSearchParams({ queries: JSON.stringify(queries) }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
  expect(r.headers.get('access-control-allow-origin')).toBe('*');
  return (await r.json()) as Record<string, { result: Result[] }>;
}

describe('the reconciliation service (W3C Reconciliation API 0.2)', () => {
  it('describes itself in a manifest: identifier space, default types, view and preview templates', async () => {
    const r = await fetch(`${s.url}reconcile`);
    expect(r.status).toBe(200);
    const m = (await r.json()) as Record<string, unknown> & { defaultTypes: { id: string; name: string }[]; view: { url: string } };
    expect(m.versions).toContain('0.2');
    expect(m.name).toBeTruthy();
    expect(m.identifierSpace).toBe(`${BASE}id/`);
    expect(m.schemaSpace).toBe(NS.libkg(''));
    expect(m.defaultTypes.map((t) => t.name)).toEqual(['Work', 'Person', 'Organisation', 'Concept', 'Patent', 'Dataset']);
    expect(m.view.url).toBe(`${BASE}id/{{id}}`);
    expect((m.preview as { url: string }).url).toContain('{{id}}');
  });

  it('answers a batch the way OpenRefine sends it, with a confident match for an exact name', async () => {
    const out = await reconcile({
      q0: { query: 'Schiller, Friedrich 1759-1805', type: NS.foaf('Person'), type_strict: 'should' },
      q1: { query: "Zhongguo wai jiao liu shi nian : 1949-2009 = Sixty years of China's foreign affairs", limit: 3 },
      q2: { query: '中国外交六十年', type: NS.bibo('Document') },
      q3: { query: 'zzyzx qwxq' },
    });
    const schiller = out.q0?.result[0];
    expect(schiller?.id).toBe('person/gnd-118607626');
    expect(schiller?.name).toBe('Schiller, Friedrich 1759-1805');
    expect(schiller?.type).toContainEqual({ id: NS.foaf('Person'), name: 'Person' });
    expect(schiller?.score).toBe(100);
    expect(schiller?.match).toBe(true);
    expect(out.q1?.result[0]).toMatchObject({ id: 'work/local-11863566', match: true });
    expect(out.q1?.result.length).toBeLessThanOrEqual(3);
    expect(out.q2?.result[0]?.id).toBe('work/local-11863566');
    expect(out.q3?.result).toEqual([]);
    // The id resolves through the view template to a real entity.
    const view = await fetch(`${s.url}id/${schiller?.id}`, { redirect: 'manual', headers: { accept: 'text/turtle' } });
    expect([200, 303]).toContain(view.status);
  });

  it('never claims a match for a name two entities share, and uses properties to tell them apart', async () => {
    const plain = await reconcile({ q0: { query: 'Goethe, Johann Wolfgang von', type: NS.foaf('Person') } });
    expect(plain.q0?.result.length).toBeGreaterThan(1);
    expect(plain.q0?.result.every((r) => !r.match)).toBe(true);
    const born = await reconcile({
      q0: { query: 'Schiller, Friedrich', type: NS.foaf('Person'), properties: [{ pid: 'birthDate', v: '1759' }] },
      q1: { query: 'Schiller, Friedrich', type: NS.foaf('Person'), properties: [{ pid: 'schema:birthDate', v: '1801' }] },
    });
    // Two Schillers born 1759 (the GND record and the catalog's heading): both beat any other, and a wrong birth year costs score.
    const top = born.q0?.result
      .slice(0, 2)
      .map((r) => r.id)
      .sort();
    expect(top).toEqual(['person/gnd-118607626', 'person/name-schiller-friedrich-1759-1805']);
    for (const r of born.q0?.result.slice(0, 2) ?? []) expect(r.description).toContain('1759');
    const wrong = new Map(born.q1?.result.map((r) => [r.id, r.score]));
    for (const r of born.q0?.result.slice(0, 2) ?? []) expect(wrong.get(r.id) ?? 0).toBeLessThan(r.score);
    const byAuthor = await reconcile({
      q0: { query: 'Zhongguo wai jiao liu shi nian', type: NS.bibo('Document'), properties: [{ pid: 'author', v: 'Wang Yizhou' }] },
      q1: { query: 'Zhongguo wai jiao liu shi nian', type: NS.bibo('Document'), properties: [{ pid: 'author', v: 'Goethe' }] },
    });
    expect(byAuthor.q0?.result[0]?.id).toBe('work/local-11863566');
    expect(byAuthor.q0?.result[0]?.score ?? 0).toBeGreaterThan(byAuthor.q1?.result[0]?.score ?? 100);
  });

  it('takes queries in the query string, and JSONP for old clients', async () => {
    const q = encodeURIComponent(JSON.stringify({ q0: { query: 'Schiller, Friedrich 1759-1805' } }));
    const r = await fetch(`${s.url}reconcile?queries=${q}`);
    expect(((await r.json()) as Record<string, { result: Result[] }>).q0?.result[0]?.id).toBe('person/gnd-118607626');
    const p = await fetch(`${s.url}reconcile?callback=cb_1`);
    expect(p.headers.get('content-type')).toContain('application/javascript');
    expect(await p.text()).toMatch(/^\/\*\*\/cb_1\(\{"versions"/);
    expect((await fetch(`${s.url}reconcile?callback=${encodeURIComponent('alert(1)//')}`)).status).toBe(400);
  });

  it('shows a preview card and suggests entities by prefix', async () => {
    const card = await fetch(`${s.url}reconcile/preview?id=person/gnd-118607626`);
    expect(card.status).toBe(200);
    expect(card.headers.get('content-security-policy')).toContain("default-src 'none'");
    // OpenRefine shows the card in an iframe: framing is allowed here.
    expect(card.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(card.headers.get('content-security-policy')).not.toContain("frame-ancestors 'none'");
    expect(await card.text()).toContain('Schiller, Friedrich 1759-1805');
    expect((await fetch(`${s.url}reconcile/preview?id=person/none`)).status).toBe(404);
    const sug = (await (await fetch(`${s.url}reconcile/suggest/entity?prefix=schil`)).json()) as { result: { id: string }[] };
    expect(sug.result.map((r) => r.id)).toContain('person/gnd-118607626');
  });

  it('extends reconciled entities with their property values, as OpenRefine adds columns', async () => {
    const m = (await (await fetch(`${s.url}reconcile`)).json()) as { extend: { propose_properties: { service_url: string; service_path: string } } };
    const proposeUrl = new URL(m.extend.propose_properties.service_url + m.extend.propose_properties.service_path);
    expect(proposeUrl.href).toBe(`${BASE}reconcile/properties`);
    // The base IRI names the public host; the test server listens elsewhere on loopback.
    const proposed = (await (await fetch(`${s.url}${proposeUrl.pathname.slice(1)}?type=${encodeURIComponent(NS.foaf('Person'))}`)).json()) as {
      properties: { id: string }[];
    };
    expect(proposed.properties.map((p) => p.id)).toEqual(expect.arrayContaining(['birthDate', 'contributor', 'identifier', 'sameAs']));
    const extend = JSON.stringify({
      ids: ['person/gnd-118607626', 'work/local-11863566', 'person/none'],
      properties: [{ id: 'birthDate' }, { id: 'sameAs' }, { id: 'contributor' }, { id: 'identifier' }],
    });
    const r = await fetch(`${s.url}reconcile`, { method: 'POST', body: new URLSearchParams({ extend }) });
    expect(r.status).toBe(200);
    const out = (await r.json()) as { meta: { id: string; name: string }[]; rows: Record<string, Record<string, Record<string, string>[]>> };
    expect(out.meta.map((p) => p.id)).toEqual(['birthDate', 'sameAs', 'contributor', 'identifier']);
    expect(out.rows['person/gnd-118607626']?.birthDate).toEqual([{ str: '1759' }]);
    expect(out.rows['person/gnd-118607626']?.sameAs).toContainEqual({ str: 'https://d-nb.info/gnd/118607626' });
    // A contributor with an IRI of this service is a reconciled value ({id, name}), ready to extend further.
    expect(out.rows['work/local-11863566']?.contributor).toContainEqual({ id: 'person/name-wang-yizhou-1957', name: 'Wang, Yizhou, 1957-' });
    expect(out.rows['work/local-11863566']?.identifier).toContainEqual({ str: '9787500481676' });
    expect(out.rows['person/none']).toEqual({ birthDate: [], sameAs: [], contributor: [], identifier: [] });
    const bad = await fetch(`${s.url}reconcile`, { method: 'POST', body: new URLSearchParams({ extend: '{"ids": ["x"], "properties": [{"id": "nope"}]}' }) });
    expect(bad.status).toBe(400);
  });

  it('refuses malformed batches with a clean 400', async () => {
    const bad = ['not json', '[]', '{"q0": "Goethe"}', '{"q0": {"query": "x", "limit": -1}}', '{"q0": {"query": "x", "type": "<evil>"}}', '{"q0": {}}'];
    for (const queries of bad) {
      const r = await fetch(`${s.url}reconcile`, { method: 'POST', body: new URLSearchParams({ queries }) });
      expect(r.status, queries).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, { query: 'x' }]));
    expect((await fetch(`${s.url}reconcile`, { method: 'POST', body: new URLSearchParams({ queries: JSON.stringify(many) }) })).status).toBe(400);
    // Hostile names are just names.
    const out = await reconcile({ q0: { query: '" OR 1=1 -- NEAR( *' }, q1: { query: "'); DROP TABLE entities; --" } });
    expect(Array.isArray(out.q0?.result)).toBe(true);
    expect(Array.isArray(out.q1?.result)).toBe(true);
  });
});
