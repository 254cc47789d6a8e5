/**
 * One parse of a SPARQL query per request. The HTTP surface parses the user's
 * text once (libkg's prefixes known, so errors point at the user's lines and
 * columns); the parsed form then travels with the request through the shape
 * limits, text search, the optimizer's rewrites and the store, none of which
 * parses again. A rewrite changes the tree in place (a request owns its tree)
 * and hands on a ParsedQuery of the text it generated.
 */
import sparqljs from 'sparqljs';
import { LibkgError } from '../errors.js';
import { checkShape, measureShape, type QueryLimits, type Shape } from './query-limits.js';
import { codeOnly, namesDataset, sniffQueryForm } from './sparql-text.js';

/** The four query forms of SPARQL 1.1 (the port re-exports this). */
export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export interface ParsedQuery {
  /** The text the engines get: the user's, with the libkg prefixes it used undeclared declared on one line in front. */
  readonly text: string;
  readonly form: QueryForm;
  /** The query names its own dataset (FROM / FROM NAMED): the union default graph must not replace it. */
  readonly ownDataset: boolean;
  /**
   * The sparqljs tree of `text`; undefined when sparqljs crashed on valid input (`sniffed`), or when it was
   * not kept (a repeated query's known form, a tree a rewrite consumed): `treeOf` parses it then, if needed.
   */
  readonly tree?: sparqljs.Query;
  /** sparqljs crashed on valid input: the form was read from the text and the engine has the last word. */
  readonly sniffed?: boolean;
  readonly baseIri?: string;
  /** What the shape limits bound (undefined without a tree). */
  readonly shape?: Shape;
  /** libkg's prefixes the user's text used without declaring them (declared in `text`). */
  readonly addedPrefixes: readonly string[];
}

type ParseError = Error & { hash?: { loc?: { first_line: number; first_column: number } } };

/**
 * Parses a query's text. `prefixes` are known without declaration (a declared one wins); those the text uses
 * are declared in front of `text`. With `limits`, a shape over them is refused (400 QUERY_TOO_COMPLEX). Syntax errors are 400 QUERY_SYNTAX with the parser's message and position;
 * an update is refused as a query. When sparqljs itself crashes on valid input (e.g. a blank-node property list
 * as the only CONSTRUCT template, W3C construct-3) the form is read from the text.
 */
export function parseQuery(userText: string, baseIri?: string, prefixes: Readonly<Record<string, string>> = {}, limits?: QueryLimits): ParsedQuery {
  const { text, added } = declarePrefixes(userText, prefixes);
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri, sparqlStar: true, prefixes: { ...prefixes } }).parse(userText);
  } catch (e) {
    const err = e as ParseError;
    const code = codeOnly(userText);
    // Only a crash inside the parser (not one of its own errors) falls back to reading the form.
    const sniffed = err instanceof TypeError && !err.hash ? sniffQueryForm(code) : undefined;
    if (!sniffed) {
      const loc = err.hash?.loc;
      throw new LibkgError('QUERY_SYNTAX', err.message, loc ? { line: loc.first_line, column: loc.first_column + 1 } : {});
    }
    return { text, form: sniffed, ownDataset: namesDataset(code), addedPrefixes: added, sniffed: true, baseIri };
  }
  const shape = measureShape(parsed);
  if (limits) checkShape(shape, limits);
  if (parsed.type !== 'query') throw new LibkgError('QUERY_SYNTAX', 'expected a query, got a SPARQL Update (POST it as update)');
  // The tree knows every given prefix (inherited); keep the ones `text` declares, so a rewrite writes those only.
  const own: Record<string, string> = {};
  for (const p of added) own[p] = prefixes[p] as string;
  parsed.prefixes = Object.assign(own, { ...parsed.prefixes });
  const from = parsed.from;
  return {
    text,
    form: parsed.queryType,
    ownDataset: !!from && from.default.length + from.named.length > 0,
    tree: parsed,
    shape,
    addedPrefixes: added,
    baseIri,
  };
}

/** The query's tree: its own, or parsed from its text when it was not kept; undefined when sparqljs cannot parse it. */
export function treeOf(query: ParsedQuery): sparqljs.Query | undefined {
  if (query.tree || query.sniffed) return query.tree;
  try {
    const parsed = new sparqljs.Parser({ baseIRI: query.baseIri, sparqlStar: true }).parse(query.text);
    return parsed.type === 'query' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The query after a rewrite of its tree: the generated text, the same form and dataset; the tree goes with it. */
export function rewrittenQuery(query: ParsedQuery, tree: sparqljs.Query): ParsedQuery {
  return { ...query, text: new sparqljs.Generator().stringify(tree), tree, shape: undefined };
}

/** The query as the store needs it once its tree has been rewritten for another text (form and dataset only). */
export const withoutTree = (query: ParsedQuery): ParsedQuery => ({ ...query, tree: undefined, shape: undefined });

/** A query libkg wrote itself over the union of all graphs, whose form it knows: nothing to parse. */
export const ownQuery = (text: string, form: QueryForm): ParsedQuery => ({ text, form, ownDataset: false, addedPrefixes: [] });

/** The parse of `text` if `query` is one (callers pass what they were given; a different text is parsed anew). */
export const parsedFor = (text: string, query: ParsedQuery | undefined): ParsedQuery | undefined => (query?.text === text ? query : undefined);

/**
 * The text with the prefixes of `known` it uses undeclared declared, all on one line in front: the user's
 * line N is line N + 1 of what the engine sees.
 */
export function declarePrefixes(text: string, known: Readonly<Record<string, string>>): { text: string; added: string[] } {
  const added = undeclared(text, known);
  return { text: added.length ? `${added.map((p) => `PREFIX ${p}: <${known[p]}>`).join(' ')}\n${text}` : text, added };
}

/** A prefix declaration (`PREFIX dct:`, in any case, with or without space before the colon). */
const DECLARED = /(?<![\w:.-])PREFIX\s+([A-Za-z][\w.-]*)?\s*:/gi;
/** A prefixed name's prefix (not a variable, not inside a prefixed name, IRI, string or comment). */
const USED = /(?<![\w:.\-?$@])([A-Za-z][\w.-]*):/g;

/** The prefixes of `known` the text uses without declaring them, in order of first use. */
export function undeclared(text: string, known: Readonly<Record<string, string>>): string[] {
  const code = codeOnly(text);
  const declared = new Set([...code.matchAll(DECLARED)].map((m) => m[1] ?? ''));
  const used = new Set<string>();
  for (const m of code.matchAll(USED)) {
    const name = m[1] as string;
    if (!declared.has(name) && Object.hasOwn(known, name)) used.add(name);
  }
  return [...used];
}
