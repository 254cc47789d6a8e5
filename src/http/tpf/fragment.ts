/**
 * Triple Pattern Fragments over the union of all graphs: the triples
 * matching a pattern (graph names ignored, duplicates removed), a page at
 * a time, with the Hydra controls and counts TPF clients need.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
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

const termKey = (t: RDF.Term) => (t.termType === 'Literal' ? `"${t.value}"@${t.language}^^${t.datatype.value}` : `${t.termType}:${t.value}`);

/**
 * Matches of recent patterns, deduplicated, kept until the store changes:
 * paging through a fragment then costs one store match, not one per page.
 */
export class FragmentSource {
  private readonly cache = new Map<string, RDF.Quad[]>();
  private static readonly CACHED_PATTERNS = 64;
  /** Larger matches are not kept: a handful of them would hold the whole store twice. */
  private static readonly CACHED_TRIPLES = 200_000;

  constructor(private readonly store: QuadStore) {
    store.onChange(() => this.cache.clear());
  }

  async triples(p: Pattern): Promise<RDF.Quad[]> {
    const key = [p.subject, p.predicate, p.object].map((t) => (t ? termKey(t) : '')).join(' ');
    const hit = this.cache.get(key);
    if (hit) return hit;
    const seen = new Set<string>();
    const triples: RDF.Quad[] = [];
    for (const q of await this.store.match(p.subject, p.predicate, p.object, null)) {
      const k = `${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      triples.push(quad(q.subject, q.predicate, q.object));
    }
    if (triples.length > FragmentSource.CACHED_TRIPLES) return triples;
    if (this.cache.size >= FragmentSource.CACHED_PATTERNS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, triples);
    return triples;
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
export function fragmentPage(all: RDF.Quad[], pattern: Pattern, page: number, pageSize: number, entry: string, fragmentUrl: string): FragmentPage {
  const data = all.slice((page - 1) * pageSize, page * pageSize);
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
  const lastPage = Math.max(1, Math.ceil(all.length / pageSize));
  metadata.push(
    m(fragment, T.rdf('type'), T.hydra('PartialCollectionView')),
    m(fragment, T.dct('source'), dataset),
    m(fragment, T.hydra('totalItems'), int(all.length)),
    m(fragment, T.void('triples'), int(all.length)),
    m(fragment, T.hydra('itemsPerPage'), int(pageSize)),
    m(fragment, T.hydra('first'), pageUrl(1)),
    m(fragment, T.hydra('last'), pageUrl(lastPage)),
  );
  if (page > 1) metadata.push(m(fragment, T.hydra('previous'), pageUrl(page - 1)));
  if (page < lastPage) metadata.push(m(fragment, T.hydra('next'), pageUrl(page + 1)));
  return { data: data.map((q) => quad(q.subject, q.predicate, q.object, defaultGraph())), metadata };
}
