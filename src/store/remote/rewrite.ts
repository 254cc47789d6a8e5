/**
 * Query text as the remote receives it: the dataset libkg means (Virtuoso pragmas that hide graphs
 * which are not libkg's), the base IRI, and blank-node functions over skolem IRIs.
 */
import N3 from 'n3';
import sparqljs from 'sparqljs';
import { DEFAULT_GRAPH_IRI, SKOLEM_PREFIX } from './translate.js';

const generator = new sparqljs.Generator();
const { DataFactory: F } = N3;

type Expr = { type: 'operation' | 'functionCall'; operator?: string; args: unknown[] };

const call = (operator: string, ...args: unknown[]): Expr => ({ type: 'operation', operator, args });
const skolemTest = (arg: unknown) => call('strstarts', call('str', arg), F.literal(SKOLEM_PREFIX));

/**
 * Blank nodes are skolem IRIs on the remote (translate.ts): BNODE() mints one (Virtuoso has no BNODE()
 * at all), isBlank/isIRI tell them apart from real IRIs.
 */
interface Flags {
  hideDefault: boolean;
  constantGraphs: boolean;
  fresh: number;
}

function rewrite(node: unknown, f: Flags): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, f));
  if (!node || typeof node !== 'object' || 'termType' in node) return node;
  const o = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = rewrite(v, f);
  const name = o.name as { termType: string } | undefined;
  if (o.type === 'graph' && f.hideDefault && name?.termType === 'Variable') {
    // GRAPH ?g ranges over named graphs; the private default graph is one only on the remote.
    return { type: 'group', patterns: [out, { type: 'filter', expression: call('!=', name, F.namedNode(DEFAULT_GRAPH_IRI)) }] };
  }
  if (o.type === 'graph' && f.constantGraphs && name?.termType === 'NamedNode') {
    // Virtuoso finds nothing in GRAPH <g> once a default graph is given (GRAPH ?g still ranges over all).
    const v = F.variable(`libkg_graph_${f.fresh++}`);
    return {
      type: 'group',
      patterns: [
        { ...out, name: v },
        { type: 'filter', expression: call('=', v, name) },
      ],
    };
  }
  if (o.type !== 'operation') return out;
  const args = out.args as unknown[];
  switch (String(o.operator).toLowerCase()) {
    case 'bnode':
      // BNODE(str) should be one node per solution and string; a hash of the string is one node per string (close enough for updates' templates).
      return args.length
        ? call('iri', call('concat', F.literal(`${SKOLEM_PREFIX}h`), call('md5', call('str', args[0]))))
        : call('iri', call('concat', F.literal(`${SKOLEM_PREFIX}n`), call('struuid')));
    case 'isblank':
      return call('||', out, skolemTest(args[0]));
    case 'isiri':
    case 'isuri':
      return call('&&', out, call('!', skolemTest(args[0])));
  }
  return out;
}

const NEEDS_REWRITE = /\b(bnode|isblank|isiri|isuri)\s*\(/i;
const GRAPH_VARIABLE = /\bgraph\s*[?$]/i;
const GRAPH_CONSTANT = /\bgraph\s*[<\w]/i;
/** A prologue (comments, PREFIX, BASE) that declares an absolute BASE: Virtuoso refuses a second BASE, and ours would not count. */
const OWN_ABSOLUTE_BASE = /^(?:\s+|#[^\n]*\n|PREFIX\s+[^:\s]*:\s*<[^>]*>|BASE\s*<[^>]*>)*?BASE\s*<[a-z][a-z0-9+.-]*:[^>]*>/i;

export interface RemoteDialect {
  /** Virtuoso: DEFINE pragmas and its missing BNODE(). */
  virtuoso: boolean;
  /** Graphs to leave out of the default graph when it is the union (Virtuoso pragmas; empty: no pragma). */
  excludeDefault: string[];
  /** Graphs to leave out of GRAPH ?g when the named graphs are the store's. */
  excludeNamed: string[];
  /** Filter the private default graph's remote IRI out of GRAPH ?g. */
  hideDefault: boolean;
  /** GRAPH <g> as GRAPH ?v FILTER(?v = <g>): Virtuoso with a given default graph and the store's named graphs (an update's WHERE). */
  constantGraphs?: boolean;
}

/** The query text to send. */
export function remoteQueryText(text: string, d: RemoteDialect, baseIri?: string): string {
  let q = text;
  if (NEEDS_REWRITE.test(q) || (d.hideDefault && GRAPH_VARIABLE.test(q)) || (d.constantGraphs && GRAPH_CONSTANT.test(q))) {
    const parsed = new sparqljs.Parser({ baseIRI: baseIri, sparqlStar: true }).parse(q);
    q = generator.stringify(rewrite(parsed, { hideDefault: d.hideDefault, constantGraphs: !!d.constantGraphs, fresh: 0 }) as sparqljs.SparqlQuery);
  } else if (baseIri && !OWN_ABSOLUTE_BASE.test(q)) {
    // A later BASE in the query itself still wins.
    q = `BASE <${baseIri}>\n${q}`;
  }
  if (!d.virtuoso) return q;
  const pragmas = [
    ...d.excludeDefault.map((g) => `define input:default-graph-exclude <${g}>`),
    ...d.excludeNamed.map((g) => `define input:named-graph-exclude <${g}>`),
  ];
  return pragmas.length ? `${pragmas.join('\n')}\n${q}` : q;
}
