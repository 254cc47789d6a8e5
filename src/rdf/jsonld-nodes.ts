import type * as RDF from '@rdfjs/types';
import { NS } from '../vocab.js';
import { LIBKG_CONTEXT } from './context.js';

/**
 * RDF to compact JSON-LD with libkg's context, built directly rather than
 * through jsonld.compact + frame: one pass, deterministic, and it embeds
 * neighbours (with their labels) under the node that links to them. The
 * context has no type coercion, so every value is written explicitly and
 * `jsonld.expand` gives back exactly these triples.
 */
export type JsonNode = Record<string, unknown>;

const XSD_STRING = NS.xsd('string');
const RDF_TYPE = NS.rdf('type');
const LOCAL = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Property and class IRIs to the shortest key the context allows. */
export function keyCompactor(context: Record<string, string> = LIBKG_CONTEXT): (iri: string) => string {
  const terms = new Map<string, string>();
  const prefixes: [string, string][] = [];
  for (const [k, v] of Object.entries(context)) {
    if (v.startsWith('@')) continue;
    if (/[/#]$/.test(v)) prefixes.push([k, v]);
    else if (!terms.has(v)) terms.set(v, k);
  }
  prefixes.sort((a, b) => b[1].length - a[1].length);
  const cache = new Map<string, string>();
  return (iri) => {
    let key = cache.get(iri);
    if (key !== undefined) return key;
    key = terms.get(iri);
    if (key === undefined) {
      const p = prefixes.find(([, ns]) => iri.startsWith(ns) && LOCAL.test(iri.slice(ns.length)));
      key = p ? `${p[0]}:${iri.slice(p[1].length)}` : iri;
    }
    cache.set(iri, key);
    return key;
  };
}

const defaultKey = keyCompactor();

function literal(l: RDF.Literal): unknown {
  if (l.language) return { '@value': l.value, '@language': l.language };
  if (l.datatype.value === XSD_STRING) return l.value;
  return { '@value': l.value, '@type': l.datatype.value };
}

function push(node: JsonNode, key: string, value: unknown): void {
  const cur = node[key];
  if (cur === undefined) node[key] = value;
  else if (Array.isArray(cur)) cur.push(value);
  else node[key] = [cur, value];
}

/** Indexes quads by subject and object so nodes can be built and embedded. */
export class NodeBuilder {
  private readonly bySubject = new Map<string, RDF.Quad[]>();
  private readonly byObject = new Map<string, RDF.Quad[]>();

  constructor(
    quads: Iterable<RDF.Quad>,
    private readonly key: (iri: string) => string = defaultKey,
  ) {
    for (const q of quads) {
      const s = termKey(q.subject);
      let a = this.bySubject.get(s);
      if (!a) this.bySubject.set(s, (a = []));
      a.push(q);
      if (q.object.termType !== 'Literal') {
        const o = termKey(q.object);
        let b = this.byObject.get(o);
        if (!b) this.byObject.set(o, (b = []));
        b.push(q);
      }
    }
  }

  /** Subjects in the data, IRIs only. */
  subjects(): string[] {
    return [...this.bySubject.keys()].filter((k) => !k.startsWith('_:'));
  }

  /**
   * The node for `iri` with everything it links to embedded (each neighbour
   * once per path, never the root again), plus incoming links under `@reverse`.
   */
  node(iri: string, options: { reverse?: boolean } = {}): JsonNode {
    const root = this.build(iri, new Set([iri]), iri);
    if (options.reverse) {
      const rev: JsonNode = {};
      for (const q of this.byObject.get(iri) ?? []) {
        if (q.subject.termType !== 'NamedNode' || q.subject.value === iri) continue;
        push(rev, this.key(q.predicate.value), this.build(q.subject.value, new Set([iri, q.subject.value]), iri));
      }
      if (Object.keys(rev).length) root['@reverse'] = rev;
    }
    return root;
  }

  private build(id: string, path: Set<string>, root: string): JsonNode {
    const node: JsonNode = { id };
    for (const q of this.bySubject.get(id) ?? []) {
      if (q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode') {
        push(node, 'type', this.key(q.object.value));
        continue;
      }
      push(node, this.key(q.predicate.value), this.value(q.object, path, root));
    }
    return node;
  }

  private value(o: RDF.Term, path: Set<string>, root: string): unknown {
    if (o.termType === 'Literal') return literal(o);
    const k = termKey(o);
    if (k === root || path.has(k) || !this.bySubject.has(k)) return { id: k };
    const next = new Set(path);
    next.add(k);
    return this.build(k, next, root);
  }
}

const termKey = (t: RDF.Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

/** The context object every JSON-LD response carries inline, so clients need no second request. */
export const inlineContext = () => LIBKG_CONTEXT;
