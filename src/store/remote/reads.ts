/**
 * The read side of the remote store: queries and quad patterns sent over the SPARQL 1.1 Protocol,
 * with libkg's dataset (union of its graphs, private default graph, foreign graphs hidden) and
 * answers translated back to what the embedded engines return.
 */
import sparqljs from 'sparqljs';
import { termToNt } from '../../rdf/nquads.js';
import type { EngineRequest } from '../engine-protocol.js';
import { SOLUTION_FORMATS } from '../query-form.js';
import { type RemoteDialect, remoteQueryText } from './rewrite.js';
import type { SparqlClient } from './sparql-client.js';
import {
  csvFromJson,
  DEFAULT_GRAPH_IRI,
  graphFromRemote,
  jsonFromRemote,
  remoteGraph,
  SKOLEM_PREFIX,
  termFromJson,
  tsvFromJson,
  xmlFromRemote,
} from './translate.js';

type QueryRequest = Omit<Extract<EngineRequest, { op: 'query' }>, 'id'>;
type MatchRequest = Omit<Extract<EngineRequest, { op: 'match' }>, 'id'>;

const JSON_RESULTS = 'application/sparql-results+json';
/** A graph that never exists: an empty dataset list sent as a parameter. */
const NO_GRAPH = 'urn:libkg:none';
const listOrNone = (graphs: string[]) => (graphs.length ? graphs.map(remoteGraph) : [NO_GRAPH]);

export async function remoteQuery(client: SparqlClient, dialect: RemoteDialect, req: QueryRequest, timeoutMs: number): Promise<string | Uint8Array> {
  const solutions = SOLUTION_FORMATS.includes(req.format as never);
  // CSV and TSV are written here from JSON (Virtuoso's own quote every field / are not SPARQL TSV).
  const accept = !solutions ? 'application/n-triples' : req.format === 'application/sparql-results+xml' ? req.format : JSON_RESULTS;
  const lifted = liftDataset(req);
  const { text, defaultGraphs, namedGraphs } = dataset(dialect, lifted);
  const body = await client.query({
    text: remoteQueryText(lifted.text, text, req.baseIri),
    accept,
    defaultGraphs,
    namedGraphs,
    timeoutMs,
    engineTimeoutMs: dialect.virtuoso ? timeoutMs : undefined,
  });
  let out: string;
  if (!solutions) out = await graphFromRemote(body, req.format);
  else if (req.format === 'text/tab-separated-values') out = tsvFromJson(jsonFromRemote(body));
  else if (req.format === 'application/sparql-results+xml') out = xmlFromRemote(body);
  else if (req.format === 'text/csv') out = csvFromJson(body);
  else out = jsonFromRemote(body);
  return req.bytes ? new TextEncoder().encode(out) : out;
}

/**
 * The query's own FROM / FROM NAMED as protocol lists, taken out of the text, so every dataset goes
 * the one tested way (Virtuoso lets a query's FROM win over the protocol's, and its GRAPH ?g ranges
 * over all graphs after a FROM alone). The protocol's dataset wins over the query's (SPARQL 1.1
 * Protocol 2.1.4). A query sparqljs cannot parse is sent as it is.
 */
function liftDataset(req: QueryRequest): QueryRequest {
  if (!req.ownDataset) return req;
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: req.baseIri, sparqlStar: true }).parse(req.text);
  } catch {
    // Left in the text, the FROM is Virtuoso's to follow: no protocol default graph may override it.
    return req.defaultGraphs || req.namedGraphs ? req : { ...req, union: true };
  }
  if (parsed.type !== 'query' || !parsed.from) return req;
  const from = parsed.from;
  delete parsed.from;
  // IRIs come out of the parse absolute; the BASE is added again to the text sent (one BASE only: Virtuoso refuses two).
  delete (parsed as { base?: string }).base;
  const text = new sparqljs.Generator().stringify(parsed);
  if (req.defaultGraphs || req.namedGraphs) return { ...req, text };
  return { ...req, text, union: false, defaultGraphs: from.default.map((g) => g.value), namedGraphs: from.named.map((g) => g.value) };
}

/**
 * The dataset as protocol parameters and pragmas. No dataset: the default graph is the union of
 * libkg's graphs (Virtuoso's own default is every graph: its own and foreign ones are excluded),
 * or for an update's WHERE the private default graph; named graphs are libkg's. A given list that
 * is empty must stay empty: it names a graph that does not exist (an absent parameter means "all").
 */
function dataset(d: RemoteDialect, req: { union: boolean; defaultGraphs?: string[]; namedGraphs?: string[] }) {
  const defaultGraphs = req.defaultGraphs ? listOrNone(req.defaultGraphs) : req.union ? undefined : [DEFAULT_GRAPH_IRI];
  const namedGraphs = req.namedGraphs ? listOrNone(req.namedGraphs) : undefined;
  const text: RemoteDialect = {
    virtuoso: d.virtuoso,
    excludeDefault: defaultGraphs ? [] : d.excludeDefault,
    excludeNamed: namedGraphs ? [] : d.excludeNamed,
    hideDefault: !namedGraphs,
    constantGraphs: d.virtuoso && !!defaultGraphs && !namedGraphs,
  };
  return { text, defaultGraphs, namedGraphs };
}

/** Quad patterns as a SELECT; the private default graph comes back as ''. */
export async function remoteMatch(client: SparqlClient, dialect: RemoteDialect, req: MatchRequest, timeoutMs: number): Promise<string[]> {
  const remote = (nt: string) => (nt.startsWith('_:') ? `<${SKOLEM_PREFIX}${nt.slice(2)}>` : nt);
  const pos = (nt: string | null, v: string) => (nt === null ? `?${v}` : remote(nt));
  const graph = req.g === null ? '?g' : `<${remoteGraph(req.g)}>`;
  const text = `SELECT * WHERE { GRAPH ${graph} { ${pos(req.s, 's')} ${pos(req.p, 'p')} ${pos(req.o, 'o')} } }`;
  // Here GRAPH ?g includes the private default graph: match() covers every quad.
  const body = await client.query({ text: remoteQueryText(text, { ...dialect, hideDefault: false }), accept: JSON_RESULTS, timeoutMs });
  type B = Parameters<typeof termFromJson>[0];
  const rows = (JSON.parse(body) as { results: { bindings: Record<string, B>[] } }).results.bindings;
  const term = (given: string | null, b: B | undefined) => given ?? termToNt(termFromJson(b as B));
  return rows.map((r) => {
    const g = req.g ?? (r.g?.value === DEFAULT_GRAPH_IRI ? '' : (r.g?.value ?? ''));
    return `${term(req.s, r.s)} ${term(req.p, r.p)} ${term(req.o, r.o)}${g ? ` <${g}>` : ''}`;
  });
}
