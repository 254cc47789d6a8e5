/**
 * Full-text search inside SPARQL, in jena-text's form:
 *
 *   ?s text:query "austen"                      (every field)
 *   ?s text:query (dct:title "austen" 10)       (one field, at most 10 matches)
 *   (?s ?score ?literal) text:query ("austen")  (with the score and a matched value)
 *
 * Oxigraph (WASM) takes no property functions, so the rewrite happens before
 * the query reaches the store: each such triple pattern is answered by the
 * search index and replaced by a VALUES block of the IRIs and scores it
 * returned; the engine joins it with the rest of the query. The search text is
 * only ever given to the search query parser (the same as /search?q=), never
 * written into the query.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type sparqljs from 'sparqljs';
import { LibkgError } from '../../errors.js';
import { termToNt } from '../../rdf/nquads.js';
import type { SearchDoc, SearchRequest } from '../../search/port.js';
import type { Field, QueryNode } from '../../search/query.js';
import type { Search } from '../../search/service.js';
import { type ParsedQuery, rewrittenQuery, treeOf } from '../../store/parsed-query.js';
import { LIBKG_TEXT_QUERY, NS } from '../../vocab.js';
import { searchParams } from '../kit/search-params.js';

const { DataFactory: F } = N3;

/** jena-text's property (existing Fuseki queries run unchanged) and libkg's own name for it. */
export const TEXT_QUERY_PROPERTIES = ['http://jena.apache.org/text#query', LIBKG_TEXT_QUERY];

/** Matches taken from the index per pattern when the query gives no limit. */
export const DEFAULT_TEXT_QUERY_LIMIT = 10_000;

const RDF_FIRST = NS.rdf('first');
const RDF_REST = NS.rdf('rest');
const RDF_NIL = NS.rdf('nil');
const XSD = (local: string) => F.namedNode(NS.xsd(local));

/** Which index field each RDF property of the `(<property> "text")` form searches (see src/search/documents.ts). */
const FIELD_OF: Record<string, Field> = Object.fromEntries([
  ...[
    NS.dct('title'),
    NS.dc('title'),
    NS.rdfs('label'),
    NS.skos('prefLabel'),
    NS.skos('altLabel'),
    NS.foaf('name'),
    NS.schema('name'),
    NS.dct('alternative'),
    NS.bf('mainTitle'),
  ].map((p) => [p, 'title' as Field]),
  ...[NS.dct('creator'), NS.dct('contributor'), NS.dc('creator'), NS.libkg('inventor'), NS.libkg('applicant'), NS.schema('author')].map((p) => [
    p,
    'contributor' as Field,
  ]),
  ...[NS.dct('subject'), NS.dc('subject'), NS.dcat('keyword'), NS.schema('keywords')].map((p) => [p, 'subject' as Field]),
  ...[NS.dct('identifier'), NS.bibo('isbn'), NS.bibo('doi'), NS.bibo('issn'), NS.libkg('orcid'), NS.libkg('gnd'), NS.owl('sameAs')].map((p) => [
    p,
    'id' as Field,
  ]),
]);

export interface TextRewrite {
  /** The query to run (the very same when nothing was rewritten). */
  query: ParsedQuery;
  /** Patterns whose matches were cut by their limit: how many matched and how many were used. */
  capped: { total: number; used: number }[];
}

type Triple = sparqljs.Triple;
type Term = RDF.Term;

const isTextQuery = (t: Triple) => 'termType' in t.predicate && TEXT_QUERY_PROPERTIES.includes(t.predicate.value);

/** Cheap test before walking the tree: a query that cannot name the property is passed on untouched. */
const mayUseTextQuery = (text: string) => text.includes('jena.apache.org/text#') || text.includes('textQuery');

/** A parsed text:query pattern: who is searched for (variable or IRI), optional score and literal variables, and the search. */
interface TextPattern {
  subject: Term;
  score?: Term;
  literal?: Term;
  field?: Field;
  text: string;
  limit?: number;
}

/** The members of an RDF collection written in the BGP (`( a b c )`), removing its rdf:first/rdf:rest triples. */
function readList(head: Term, triples: Triple[], used: Set<Triple>): Term[] | undefined {
  if (head.termType !== 'BlankNode') return undefined;
  const items: Term[] = [];
  let node: Term = head;
  while (node.termType === 'BlankNode') {
    const first = triples.find((t) => t.subject.equals(node) && 'termType' in t.predicate && t.predicate.value === RDF_FIRST);
    const rest = triples.find((t) => t.subject.equals(node) && 'termType' in t.predicate && t.predicate.value === RDF_REST);
    if (!first || !rest) return undefined;
    used.add(first).add(rest);
    items.push(first.object as Term);
    node = rest.object as Term;
  }
  return node.termType === 'NamedNode' && node.value === RDF_NIL ? items : undefined;
}

const bad = (message: string) => new LibkgError('QUERY_SYNTAX', `text:query: ${message}`);

function readPattern(triple: Triple, triples: Triple[], used: Set<Triple>): TextPattern {
  const subjects = readList(triple.subject as Term, triples, used) ?? [triple.subject as Term];
  const [subject, score, literal, ...extra] = subjects;
  if (!subject || extra.length) throw bad('the subject is ?s, <iri> or a list (?s ?score ?literal)');
  if (subject.termType !== 'Variable' && subject.termType !== 'NamedNode') throw bad('the subject must be a variable or an IRI');
  for (const v of [score, literal]) if (v && v.termType !== 'Variable') throw bad('the score and literal in (?s ?score ?literal) must be variables');
  const args = readList(triple.object as Term, triples, used) ?? [triple.object as Term];
  let field: Field | undefined;
  let i = 0;
  if (args[0]?.termType === 'NamedNode') {
    field = FIELD_OF[args[0].value];
    if (!field) {
      throw new LibkgError(
        'BAD_REQUEST',
        `text:query cannot search the property <${args[0].value}>: the index has fields for ${[...new Set(Object.values(FIELD_OF))].join(', ')}, fed by ${Object.keys(FIELD_OF).join(', ')}; omit the property to search every field`,
      );
    }
    i = 1;
  }
  const text = args[i];
  if (text?.termType !== 'Literal') throw bad('give the search text as a string: ?s text:query "words" or (<property> "words" limit)');
  let limit: number | undefined;
  for (const option of args.slice(i + 1)) {
    // jena-text's "highlight:..." option marks up ?literal; here it is accepted and ignored.
    if (option.termType === 'Literal' && option.value.startsWith('highlight:')) continue;
    const n = Number(option.value);
    if (option.termType !== 'Literal' || limit !== undefined || !Number.isInteger(n) || n < 1)
      throw bad(`expected (<property> "text" limit), the limit a whole number from 1; got ${option.value.slice(0, 30)}`);
    limit = n;
  }
  return { subject, score, literal, field, text: text.value, limit };
}

/** Puts every unfielded term of the query in `field` (the `(<property> "text")` form). */
function inField(node: QueryNode, field: Field): QueryNode {
  switch (node.kind) {
    case 'term':
      return node.field ? node : { ...node, field };
    case 'not':
      return { kind: 'not', child: inField(node.child, field) };
    default:
      return { kind: node.kind, children: node.children.map((c) => inField(c, field)) };
  }
}

/** The value the `?literal` variable gets: the first value of the searched field. */
function matchedValue(doc: SearchDoc, field: Field | undefined): Term | undefined {
  if (field === 'contributor') return doc.contributors[0] ? F.literal(doc.contributors[0].name) : undefined;
  if (field === 'subject') return doc.subjects[0] ? F.literal(doc.subjects[0].label) : undefined;
  if (field === 'id') return doc.identifiers[0] ? F.literal(doc.identifiers[0]) : undefined;
  const label = doc.labels[0] ?? doc.altLabels[0];
  return label ? F.literal(label.value, label.lang || undefined) : undefined;
}

/**
 * The IRI as a term for the VALUES block, if the project's N-Triples writer writes it as it is: an IRI
 * that needs escaping (a space, `>`, `{`...) is no RDF IRI and is left out rather than written into the query.
 */
function safeIri(iri: string): RDF.NamedNode | undefined {
  return termToNt(F.namedNode(iri)) === `<${iri}>` ? F.namedNode(iri) : undefined;
}

export interface TextSearchOptions {
  search: Search;
  /** Matches per pattern without a limit (default DEFAULT_TEXT_QUERY_LIMIT). */
  defaultLimit?: number;
  /** How long a query waits for the index to take in recent writes, as /search does. */
  freshnessMs?: number;
}

/**
 * Rewrites the text:query patterns of a query into VALUES blocks, in its tree. A query
 * without the property comes back as the very same (its text not re-serialized).
 */
export async function rewriteTextQueries(query: ParsedQuery, opts: TextSearchOptions): Promise<TextRewrite> {
  const same = { query, capped: [] };
  if (!mayUseTextQuery(query.text)) return same;
  const parsed = treeOf(query);
  // Without a tree (sparqljs crashed on it), the store has the last word on the text.
  if (!parsed) return same;
  const found: { triple: Triple; pattern: TextPattern }[] = [];
  const rewrites: Rewrites = new Map();
  collect(parsed.where ?? [], rewrites, found);
  if (!found.length) return same;

  await opts.search.sync.current(opts.freshnessMs ?? 2000);
  const capped: TextRewrite['capped'] = [];
  const answers = new Map<Triple, sparqljs.Pattern>();
  for (const { triple, pattern } of found) {
    const limit = pattern.limit ?? opts.defaultLimit ?? DEFAULT_TEXT_QUERY_LIMIT;
    const request: SearchRequest = searchParams({ q: pattern.text, size: String(limit) }, limit).request;
    if (pattern.field && request.query) request.query = inField(request.query, pattern.field);
    // Best match first (the default with search words), and no facet counts: SPARQL does not show them.
    request.facets = [];
    // A bound subject: only its own match matters (and no limit can cut it off).
    if (pattern.subject.termType === 'NamedNode') request.filters = { ...request.filters, iriPrefix: pattern.subject.value };
    const answer = opts.search.index.search(request);
    const hits = opts.search.live(answer.hits);
    if (answer.total > answer.hits.length) capped.push({ total: answer.total, used: hits.length });
    answers.set(triple, valuesFor(pattern, hits));
  }
  replace(parsed.where ?? [], rewrites, answers);
  return { query: rewrittenQuery(query, parsed), capped };
}

function valuesFor(pattern: TextPattern, hits: { doc: SearchDoc; score: number }[]): sparqljs.Pattern {
  const rows: Record<string, Term>[] = [];
  for (const { doc, score } of hits) {
    if (pattern.subject.termType === 'NamedNode' && doc.iri !== pattern.subject.value) continue;
    const iri = safeIri(doc.iri);
    if (!iri) continue;
    const row: Record<string, Term> = {};
    if (pattern.subject.termType === 'Variable') row[`?${pattern.subject.value}`] = iri;
    if (pattern.score) row[`?${pattern.score.value}`] = F.literal(String(score), XSD('double'));
    if (pattern.literal) {
      const value = matchedValue(doc, pattern.field);
      // Literals are escaped by sparqljs's writer (quotes, backslashes, newlines).
      if (value) row[`?${pattern.literal.value}`] = value;
    }
    rows.push(row);
  }
  // A bound subject with nothing else to bind: the pattern holds or it does not.
  if (!Object.keys(rows[0] ?? { x: 1 }).length) return { type: 'group', patterns: [] };
  if (!rows.length) {
    return {
      type: 'filter',
      expression: F.literal('false', XSD('boolean')),
    } as unknown as sparqljs.Pattern;
  }
  return { type: 'values', values: rows } as unknown as sparqljs.Pattern;
}

/** Per BGP with text:query patterns: its other triples, and the text:query triples in order. */
type Rewrites = Map<sparqljs.BgpPattern, { rest: Triple[]; searched: Triple[] }>;

/** Finds text:query triples in every BGP (groups, OPTIONAL, UNION, MINUS, GRAPH, subqueries, EXISTS), not in VALUES. */
function collect(node: unknown, rewrites: Rewrites, found: { triple: Triple; pattern: TextPattern }[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, rewrites, found);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const p = node as { type?: string; termType?: string };
  if (p.termType || p.type === 'values') return;
  if (p.type === 'bgp') {
    const bgp = node as sparqljs.BgpPattern;
    const used = new Set<Triple>();
    const mine: Triple[] = [];
    for (const t of bgp.triples) {
      if (!isTextQuery(t)) continue;
      found.push({ triple: t, pattern: readPattern(t, bgp.triples, used) });
      mine.push(t);
    }
    if (mine.length) rewrites.set(bgp, { rest: bgp.triples.filter((t) => !used.has(t) && !mine.includes(t)), searched: mine });
    return;
  }
  for (const v of Object.values(node)) collect(v, rewrites, found);
}

/** Swaps each rewritten BGP for its remaining triples followed by the VALUES blocks, in place. */
function replace(node: unknown, rewrites: Rewrites, answers: Map<Triple, sparqljs.Pattern>): void {
  if (Array.isArray(node)) {
    for (let i = node.length - 1; i >= 0; i--) {
      const r = rewrites.get(node[i]);
      if (r) {
        const rest: sparqljs.Pattern[] = r.rest.length ? [{ type: 'bgp', triples: r.rest }] : [];
        node.splice(i, 1, ...rest, ...r.searched.map((t) => answers.get(t) as sparqljs.Pattern));
      } else replace(node[i], rewrites, answers);
    }
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const p = node as { type?: string; termType?: string };
  if (p.termType || p.type === 'values') return;
  for (const v of Object.values(node)) replace(v, rewrites, answers);
}
