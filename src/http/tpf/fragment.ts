/**
 * Triple Pattern Fragments over the union of all graphs: the triples
 * matching a pattern (graph names ignored, duplicates removed), a page at
 * a time, with the Hydra controls and counts TPF clients need.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { termToNt } from '../../rdf/nquads.js';
import type { QuadStore } from '../../store/port.js';
import { T } from '../../vocab.js';
import type { PatternTerm } from './pattern.js';
import { patternValue } from './pattern.js';

const { namedNode, literal, quad, blankNode, defaultGraph } = N3.DataFactory;

export interface Pattern {
  subject: PatternTerm;
  predicate: PatternTerm;
  object: PatternTerm;
}

const termKey = (t: RDF.Term | null) => (t ? termToNt(t) : '?');

interface SparqlTerm {
  type: 'uri' | 'literal' | 'bnode' | 'typed-literal';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

function fromSparqlJson(t: SparqlTerm): RDF.Term {
  if (t.type === 'uri') return namedNode(t.value);
  if (t.type === 'bnode') return blankNode(t.value);
  if (t['xml:lang']) return literal(t.value, t['xml:lang']);
  return t.datatype ? literal(t.value, namedNode(t.datatype)) : literal(t.value);
}

export interface Slice {
  triples: RDF.Quad[];
  hasNext: boolean;
  /** Matching triples: exact, or the store's quad count as an upper bound for the all-variable pattern. */
  total: number;
  exact: boolean;
}

/**
 * Fragments through SPARQL on the store: DISTINCT over the union default
 * graph removes triples held by several graphs, and LIMIT/OFFSET pages
 * without materializing the fragment (a `match` of 100k triples took
 * seconds; a page by OFFSET takes milliseconds). Page boundaries rely on
 * the engine listing unchanged data in the same order each time, which
 * Oxigraph does. Counts are cached until the store changes.
 */
export class FragmentSource {
  private readonly counts = new Map<string, number>();

  constructor(private readonly store: QuadStore) {
    store.onChange(() => this.counts.clear());
  }

  private where(p: Pattern): { where: string; vars: string[] } {
    const part = (t: PatternTerm, v: string) => (t ? termToNt(t) : `?${v}`);
    const vars = (['s', 'p', 'o'] as const).filter((_, i) => ![p.subject, p.predicate, p.object][i]);
    return { where: `${part(p.subject, 's')} ${part(p.predicate, 'p')} ${part(p.object, 'o')}`, vars };
  }

  private async select(sparql: string): Promise<Record<string, SparqlTerm>[]> {
    const result = await this.store.query(sparql, { format: 'application/sparql-results+json' });
    return (JSON.parse(result.body) as { results: { bindings: Record<string, SparqlTerm>[] } }).results.bindings;
  }

  private async count(p: Pattern): Promise<{ total: number; exact: boolean }> {
    const { where, vars } = this.where(p);
    if (vars.length === 3) return { total: this.store.size(), exact: false };
    const key = [p.subject, p.predicate, p.object].map(termKey).join(' ');
    let total = this.counts.get(key);
    if (total === undefined) {
      const inner = vars.length ? `SELECT DISTINCT ${vars.map((v) => `?${v}`).join(' ')} WHERE { ${where} }` : `SELECT * WHERE { ${where} } LIMIT 1`;
      const [row] = await this.select(`SELECT (COUNT(*) AS ?n) WHERE { ${inner} }`);
      total = Number(row?.n?.value ?? 0);
      this.counts.set(key, total);
    }
    return { total, exact: true };
  }

  async slice(p: Pattern, page: number, pageSize: number): Promise<Slice> {
    const { where, vars } = this.where(p);
    const projection = vars.length ? `DISTINCT ${vars.map((v) => `?${v}`).join(' ')}` : '*';
    // One row more than a page tells whether a next page exists, whatever the count says.
    const rows = await this.select(`SELECT ${projection} WHERE { ${where} } OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize + 1}`);
    const termAt = (row: Record<string, SparqlTerm>, t: PatternTerm, v: string): RDF.Term => t ?? fromSparqlJson(row[v] as SparqlTerm);
    const triples = rows
      .slice(0, pageSize)
      .map((row) =>
        quad(
          termAt(row, p.subject, 's') as RDF.Quad_Subject,
          termAt(row, p.predicate, 'p') as RDF.Quad_Predicate,
          termAt(row, p.object, 'o') as RDF.Quad_Object,
        ),
      );
    return { triples, hasNext: rows.length > pageSize, ...(await this.count(p)) };
  }
}

export interface FragmentPage {
  data: RDF.Quad[];
  /** Hydra/VoID controls, in the graph `<fragment>#metadata` (primary topic: the fragment). */
  metadata: RDF.Quad[];
}

/**
 * One page of a fragment. `entry` is the TPF interface's URL as the client
 * reached it (its host and port), `fragmentUrl` the exact URL requested:
 * clients find the controls by that subject.
 */
export function fragmentPage(slice: Slice, pattern: Pattern, page: number, pageSize: number, entry: string, fragmentUrl: string): FragmentPage {
  const fragment = namedNode(fragmentUrl);
  const metaGraph = namedNode(`${fragmentUrl}#metadata`);
  const dataset = namedNode(`${entry}#dataset`);
  const m = (s: RDF.Quad_Subject, p: RDF.NamedNode, o: RDF.Quad_Object) => quad(s, p, o, metaGraph);
  const int = (n: number) => literal(String(n), T.xsd('integer'));
  const pageUrl = (n: number) => {
    const u = new URL(entry);
    for (const [k, t] of Object.entries(pattern)) {
      const v = patternValue(t);
      if (v !== undefined) u.searchParams.set(k, v);
    }
    if (n > 1) u.searchParams.set('page', String(n));
    return namedNode(u.toString());
  };
  const search = blankNode('search');
  const metadata: RDF.Quad[] = [
    m(metaGraph, T.foaf('primaryTopic'), fragment),
    m(dataset, T.rdf('type'), T.void('Dataset')),
    m(dataset, T.rdf('type'), T.hydra('Collection')),
    m(dataset, T.void('subset'), fragment),
    m(dataset, T.hydra('search'), search),
    m(search, T.rdf('type'), T.hydra('IriTemplate')),
    m(search, T.hydra('template'), literal(`${entry}{?subject,predicate,object}`)),
    m(search, T.hydra('variableRepresentation'), T.hydra('ExplicitRepresentation')),
  ];
  for (const name of ['subject', 'predicate', 'object'] as const) {
    const mapping = blankNode(name);
    metadata.push(
      m(search, T.hydra('mapping'), mapping),
      m(mapping, T.rdf('type'), T.hydra('IriTemplateMapping')),
      m(mapping, T.hydra('variable'), literal(name)),
      m(mapping, T.hydra('property'), T.rdf(name)),
    );
  }
  metadata.push(
    m(fragment, T.rdf('type'), T.hydra('PartialCollectionView')),
    m(fragment, T.dct('source'), dataset),
    m(fragment, T.hydra('totalItems'), int(slice.total)),
    m(fragment, T.void('triples'), int(slice.total)),
    m(fragment, T.hydra('itemsPerPage'), int(pageSize)),
    m(fragment, T.hydra('first'), pageUrl(1)),
  );
  if (slice.exact) metadata.push(m(fragment, T.hydra('last'), pageUrl(Math.max(1, Math.ceil(slice.total / pageSize)))));
  if (page > 1) metadata.push(m(fragment, T.hydra('previous'), pageUrl(page - 1)));
  if (slice.hasNext) metadata.push(m(fragment, T.hydra('next'), pageUrl(page + 1)));
  return { data: slice.triples.map((q) => quad(q.subject, q.predicate, q.object, defaultGraph())), metadata };
}
