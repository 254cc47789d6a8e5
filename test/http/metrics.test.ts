import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the Prometheus text format (0.0.4): every sample line is `name{labels} value`, every
 * metric has HELP and TYPE before its samples, names and label names are valid. Throws on anything else.
 */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const samples: Sample[] = [];
  const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  // Values as Go's ParseFloat reads them (prom-client writes NaN as "Nan").
  const sampleLine = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (-?(?:[0-9.]+(?:e[+-]?[0-9]+)?|nan|[+-]?inf))$`, 'i');
  const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let m = new RegExp(`^# HELP (${NAME}) .+$`).exec(line);
    if (m) {
      helped.add(m[1] as string);
      continue;
    }
    m = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (m) {
      if (!helped.has(m[1] as string)) throw new Error(`TYPE before HELP: ${line}`);
      types.set(m[1] as string, m[2] as string);
      continue;
    }
    m = sampleLine.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const name = m[1] as string;
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    if (!types.has(family)) throw new Error(`sample without TYPE: ${line}`);
    const labels: Record<string, string> = {};
    const raw = m[2] ?? '';
    labelPair.lastIndex = 0;
    while (labelPair.lastIndex < raw.length) {
      const l = labelPair.exec(raw);
      if (!l) throw new Error(`bad labels: ${line}`);
      labels[l[1] as string] = l[2] as string;
    }
    samples.push({ name, labels, value: Number(m[3]) });
  }
  return { samples, types };
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

describe('/metrics (Prometheus text format)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  }, 30_000);
  afterAll(async () => s?.close());

  const scrape = async () => {
    const r = await s.app.inject({ method: 'GET', url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain; version=0.0.4');
    return parseExposition(r.body);
  };

  it('parses, and describes the store, the engines, the journal, jobs and the search index', async () => {
    const { samples, types } = await scrape();
    expect(types.get('libkg_http_requests_total')).toBe('counter');
    expect(types.get('libkg_http_request_duration_seconds')).toBe('histogram');
    for (const g of ['libkg_store_quads', 'libkg_store_quad_budget', 'libkg_journal_bytes', 'libkg_search_index_lag', 'libkg_engines', 'libkg_jobs'])
      expect(types.get(g), g).toBe('gauge');
    expect(value(samples, 'libkg_store_quad_budget')).toBe(s.config.quadBudget);
    expect(value(samples, 'libkg_journal_bytes')).toBeGreaterThan(0);
    expect(value(samples, 'libkg_engine_state', { engine: String(s.store.stats().engines[0]?.id) })).toBe(1);
    expect(value(samples, 'libkg_jobs', { state: 'failed' })).toBe(0);
    expect(types.get('process_resident_memory_bytes')).toBe('gauge');
  });

  it('counts requests by route pattern and status class, and the store gauges follow writes', async () => {
    const before = (await scrape()).samples;
    const put = await s.app.inject({
      method: 'PUT',
      url: '/store?graph=http://example.org/m',
      headers: { ...s.auth, 'content-type': 'text/turtle' },
      payload: '<http://example.org/a> <http://example.org/b> "c" .',
    });
    expect(put.statusCode).toBe(201);
    for (let i = 0; i < 3; i++) await s.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(`ASK { ?s ?p ${i} }`)}` });
    await s.app.inject({ method: 'GET', url: '/sparql?query=SELEC' });
    await s.app.inject({ method: 'GET', url: '/no/such/page/12345' });
    const after = (await scrape()).samples;
    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(delta('libkg_http_requests_total', { method: 'GET', route: '/sparql', status_class: '2xx' })).toBe(3);
    expect(delta('libkg_http_requests_total', { method: 'GET', route: '/sparql', status_class: '4xx' })).toBe(1);
    expect(delta('libkg_http_requests_total', { method: 'PUT', route: '/store', status_class: '2xx' })).toBe(1);
    expect(delta('libkg_http_request_duration_seconds_count', { route: '/sparql' })).toBe(4);
    // Unmatched URLs share one series: raw paths never become labels.
    expect(delta('libkg_http_requests_total', { route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(after.some((x) => Object.values(x.labels).some((v) => v.includes('12345')))).toBe(false);
    expect(delta('libkg_store_quads', {})).toBe(1);
    expect(delta('libkg_store_last_seq', {})).toBe(1);
  });
});

describe('/metrics with LIBKG_PUBLIC_READS=false', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ config: { publicReads: false } });
  }, 30_000);
  afterAll(async () => s?.close());

  it('needs the token', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/metrics', headers: s.auth })).statusCode).toBe(200);
  });
});
