/**
 * Runs one W3C evaluation test against a libkg server on loopback, through the
 * full HTTP path: its data stored with the Graph Store Protocol (each file a
 * named graph named by its published IRI), the query sent to /sparql, the
 * answer compared with the expected result, and the data removed again.
 */
import { createReadStream, readFileSync } from 'node:fs';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import sparqljs from 'sparqljs';
import { parseRdf } from '../../src/rdf/parse.js';
import type { LoopbackServer } from '../helpers/remote-server.js';
import { differences } from './compare.js';
import type { EvalTest, SuiteFile } from './manifest.js';
import { expectedAnswer, readAnswer } from './result-sets.js';

const DATA_TYPES: Record<string, string> = { ttl: 'text/turtle', nt: 'application/n-triples', rdf: 'application/rdf+xml' };

async function triplesOf(file: SuiteFile): Promise<string> {
  const type = DATA_TYPES[file.path.split('.').pop() ?? ''] ?? 'text/turtle';
  const quads: RDF.Quad[] = [];
  for await (const q of parseRdf(createReadStream(file.path), type, file.iri)) quads.push(q);
  return new N3.Writer({ format: 'N-Triples' }).quadsToString(quads);
}

const storeUrl = (s: LoopbackServer, graph: string) => `${s.url}store?graph=${encodeURIComponent(graph)}`;

/** Stores each data file as the named graph of its IRI; returns the graphs written. */
export async function loadData(s: LoopbackServer, t: EvalTest): Promise<string[]> {
  const files = new Map([...t.data, ...t.graphData].map((f) => [f.iri, f]));
  const written: string[] = [];
  for (const file of files.values()) {
    const body = await triplesOf(file);
    if (!body) continue;
    const res = await fetch(storeUrl(s, file.iri), { method: 'PUT', headers: { 'content-type': 'application/n-triples', ...s.auth }, body });
    if (!res.ok) throw new Error(`storing ${file.iri}: ${res.status} ${await res.text()}`);
    written.push(file.iri);
  }
  return written;
}

export async function dropData(s: LoopbackServer, graphs: string[]): Promise<void> {
  for (const g of graphs) await fetch(storeUrl(s, g), { method: 'DELETE', headers: s.auth });
}

interface QueryShape {
  form: string;
  ownDataset: boolean;
  /** Variables of the top-level ORDER BY, up to its first key that is not a plain variable. */
  orderVars: string[];
}

function shapeOf(text: string, base: string): QueryShape {
  try {
    const q = new sparqljs.Parser({ baseIRI: base }).parse(text);
    if (q.type !== 'query') return { form: 'UPDATE', ownDataset: false, orderVars: [] };
    const orderVars: string[] = [];
    for (const o of (q as sparqljs.SelectQuery).order ?? []) {
      const e = o.expression as { termType?: string; value?: string };
      if (e.termType !== 'Variable') break;
      orderVars.push(e.value as string);
    }
    return { form: q.queryType, ownDataset: Boolean(q.from && (q.from.default.length || q.from.named.length)), orderVars };
  } catch {
    // sparqljs refuses a few valid queries: judge by the text, without an order check.
    const form = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(text)?.[1]?.toUpperCase() ?? 'SELECT';
    return { form, ownDataset: /\bFROM\b/i.test(text), orderVars: [] };
  }
}

function acceptFor(t: EvalTest, form: string): string {
  const ext = t.result.path.split('.').pop();
  if (form === 'CONSTRUCT' || form === 'DESCRIBE') return 'application/n-triples';
  if (ext === 'csv') return 'text/csv';
  if (ext === 'tsv') return 'text/tab-separated-values';
  return 'application/sparql-results+json';
}

/**
 * The query's dataset: the union default graph of libkg is the data when nothing else is
 * loaded, so only a test with named graphs, or a query that asks for them, gets protocol
 * dataset parameters (the data files as default graph, the graphData files as named graphs).
 */
function datasetParams(t: EvalTest, text: string, shape: QueryShape): URLSearchParams {
  const params = new URLSearchParams();
  if (shape.ownDataset || (!t.graphData.length && !/\bGRAPH\b/i.test(text))) return params;
  for (const f of t.data) params.append('default-graph-uri', f.iri);
  for (const f of t.graphData) params.append('named-graph-uri', f.iri);
  // An empty list would mean "no dataset given": name an empty graph instead.
  if (!t.data.length) params.append('default-graph-uri', 'urn:libkg:test:empty');
  return params;
}

/** Undefined when the test passes, else why it failed. */
export async function runEvalTest(s: LoopbackServer, t: EvalTest): Promise<string | undefined> {
  const graphs = await loadData(s, t);
  try {
    // The query's relative IRIs resolve against its published IRI, as in the suite (an absolute BASE of its own wins anyway).
    const raw = readFileSync(t.query.path, 'utf8');
    const text = /^\s*BASE\s*<[a-z][a-z0-9+.-]*:/im.test(raw) ? raw : `BASE <${t.query.iri}>\n${raw}`;
    const shape = shapeOf(raw, t.query.iri);
    const params = datasetParams(t, raw, shape);
    const res = await fetch(`${s.url}sparql?${params}`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: acceptFor(t, shape.form) },
      body: text,
    });
    const body = await res.text();
    if (res.status !== 200) return `HTTP ${res.status}: ${body.slice(0, 600)}`;
    const type = res.headers.get('content-type') ?? '';
    return differences(expectedAnswer(t.result.path, t.result.iri), readAnswer(body, type, t.result.iri), shape.orderVars);
  } finally {
    await dropData(s, graphs);
  }
}
