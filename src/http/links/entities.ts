/** What the review page shows of an entity: its label, types, graphs and a few properties, read from every graph but link graphs. */
import type { QuadStore } from '../../store/port.js';
import { NS, PREFIXES } from '../../vocab.js';
import { LABEL_PROPERTIES } from '../kit/labels.js';

export interface EntitySummary {
  iri: string;
  label?: string;
  types: string[];
  graphs: string[];
  /** Property (as a CURIE where a prefix is known) and value, in reading order. */
  properties: [string, string][];
}

/** Values read per entity: the page shows a side-by-side summary, not the whole description. */
const ROWS_PER_ENTITY = 60;

type Row = Record<string, { value: string } | undefined>;

const PREFIX_LIST = Object.entries(PREFIXES).sort((a, b) => b[1].length - a[1].length);
export const curie = (iri: string): string => {
  const hit = PREFIX_LIST.find(([, ns]) => iri.startsWith(ns) && iri.length > ns.length);
  return hit ? `${hit[0]}:${iri.slice(hit[1].length)}` : iri;
};

/** `iris` must be valid IRIs (they come from a link graph). */
export async function entitySummaries(store: QuadStore, baseIri: string, iris: string[], timeoutMs?: number): Promise<Map<string, EntitySummary>> {
  const out = new Map<string, EntitySummary>(iris.map((iri) => [iri, { iri, types: [], graphs: [], properties: [] }]));
  if (!iris.length) return out;
  const q = `SELECT ?e ?g ?p ?o WHERE { VALUES ?e { ${iris.map((i) => `<${i}>`).join(' ')} }
    GRAPH ?g { ?e ?p ?o } FILTER(!STRSTARTS(STR(?g), ${JSON.stringify(`${baseIri}graph/links/`)})) } LIMIT ${ROWS_PER_ENTITY * iris.length}`;
  const rows = JSON.parse((await store.query(q, { timeoutMs })).body).results.bindings as Row[];
  const labelRank = (p: string) => LABEL_PROPERTIES.indexOf(p);
  const ranks = new Map<string, number>();
  for (const r of rows) {
    const e = out.get(r.e?.value ?? '');
    const p = r.p?.value ?? '';
    const o = r.o?.value ?? '';
    if (!e) continue;
    const g = r.g?.value ?? '';
    if (!e.graphs.includes(g)) e.graphs.push(g);
    if (p === NS.rdf('type')) {
      if (!e.types.includes(curie(o))) e.types.push(curie(o));
      continue;
    }
    const rank = labelRank(p);
    if (rank >= 0 && (e.label === undefined || rank < (ranks.get(e.iri) ?? Number.POSITIVE_INFINITY))) {
      e.label = o;
      ranks.set(e.iri, rank);
    }
    if (!e.properties.some(([k, v]) => k === curie(p) && v === o)) e.properties.push([curie(p), o]);
  }
  return out;
}
