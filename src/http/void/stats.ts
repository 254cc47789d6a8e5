import type { QuadStore } from '../../store/port.js';
import { NS } from '../../vocab.js';
import { THING_PREFIX } from '../kit/iri.js';
import { type SpecLinkset, specLinksets } from './spec-linksets.js';

export interface Counted {
  iri: string;
  count: number;
}

export interface Linkset {
  predicate: string;
  /** Namespace of the link targets, e.g. https://orcid.org/. */
  target: string;
  count: number;
}

export interface DatasetStats {
  seq: number;
  triples: number;
  entities: number;
  classes: Counted[];
  properties: Counted[];
  linksets: Linkset[];
  /** One per link spec (its link graph). */
  specLinksets: SpecLinkset[];
  examples: string[];
  lastModified?: string;
}

/** Predicates whose triples link our entities to other datasets. */
export const LINK_PREDICATES = [NS.owl('sameAs'), NS.skos('exactMatch'), NS.skos('closeMatch'), NS.rdfs('seeAlso'), NS.schema('sameAs'), NS.foaf('page')];

type Row = Record<string, { value: string } | undefined>;

async function select(store: QuadStore, q: string): Promise<Row[]> {
  const r = await store.query(q, { format: 'application/sparql-results+json' });
  return (JSON.parse(r.body) as { results: { bindings: Row[] } }).results.bindings;
}

const num = (r: Row, k: string) => Number(r[k]?.value ?? 0);

/** Dataset statistics for VoID, from a few aggregate queries (the caller caches them by change-log sequence). */
export async function collectStats(store: QuadStore, baseIri: string, seq: number): Promise<DatasetStats> {
  const things = JSON.stringify(baseIri + THING_PREFIX);
  const base = JSON.stringify(baseIri);
  const [entities, classes, properties, linksets, examples, perSpec] = await Promise.all([
    select(store, `SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o . FILTER(isIRI(?s) && STRSTARTS(STR(?s), ${things})) }`),
    select(store, `SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY DESC(?n) ?c`),
    select(store, `SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p`),
    select(
      store,
      `SELECT ?p ?ns (COUNT(*) AS ?n) WHERE {
        VALUES ?p { ${LINK_PREDICATES.map((p) => `<${p}>`).join(' ')} }
        ?s ?p ?o . FILTER(isIRI(?o) && !STRSTARTS(STR(?o), ${base}))
        BIND(REPLACE(STR(?o), "^(https?://[^/]+/).*$", "$1") AS ?ns)
      } GROUP BY ?p ?ns ORDER BY DESC(?n)`,
    ),
    select(store, `SELECT DISTINCT ?s WHERE { ?s a ?c . FILTER(isIRI(?s) && STRSTARTS(STR(?s), ${things})) } LIMIT 3`),
    specLinksets(store, baseIri),
  ]);
  const updated = store
    .listGraphs()
    .map((g) => g.updatedAt)
    .sort();
  return {
    seq,
    triples: store.size(),
    entities: num(entities[0] ?? {}, 'n'),
    classes: classes.map((r) => ({ iri: r.c?.value ?? '', count: num(r, 'n') })),
    properties: properties.map((r) => ({ iri: r.p?.value ?? '', count: num(r, 'n') })),
    linksets: linksets.map((r) => ({ predicate: r.p?.value ?? '', target: r.ns?.value ?? '', count: num(r, 'n') })),
    specLinksets: perSpec,
    examples: examples.map((r) => r.s?.value ?? ''),
    lastModified: updated[updated.length - 1],
  };
}
