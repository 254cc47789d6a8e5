/**
 * Semantic expansion of a search request (issue 15): a query that is the label of a concept also finds
 * the entities indexed with that concept and with the concepts up to `depth` levels below it, ranked
 * after direct hits; a query that is a person's or organisation's name ranks that entity first. The
 * index finds what the text names (src/search/concepts.ts); the store's SKOS links give the narrower concepts.
 */
import { namedBy } from '../../search/concepts.js';
import type { SearchIndex, SearchRequest } from '../../search/port.js';
import type { QuadStore } from '../../store/port.js';
import { NS } from '../../vocab.js';

/** IRIs safe to write between angle brackets in a query. */
export const SAFE_IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i;

/** Concepts one expansion may reach: a broad concept of a large thesaurus stops here. */
const MAX_EXPANDED = 1000;

/**
 * The concepts and those at most `depth` levels below them (0: only themselves), each crossed to the
 * concepts matched to it (skos:exactMatch/closeMatch either way: records carry their own concept IRIs
 * matched to the thesaurus at import).
 */
export async function narrowerTo(store: QuadStore, concepts: string[], depth: number): Promise<string[]> {
  const iris = concepts.filter((s) => SAFE_IRI.test(s));
  if (iris.length === 0) return concepts;
  const skos = (local: string) => `<${NS.skos(local)}>`;
  const match = `(${skos('exactMatch')}|${skos('closeMatch')}|^${skos('exactMatch')}|^${skos('closeMatch')})?`;
  const step = `(${skos('narrower')}|^${skos('broader')})`;
  // One branch per level, each binding ?n itself (a branch sees none of the variables outside it).
  const levels = Array.from({ length: Math.max(0, depth) + 1 }, (_, i) =>
    i === 0 ? `?s ${match} ?n` : `?s ${match} ?t . ?t ${Array(i).fill(step).join('/')} ?n`,
  );
  const query = `SELECT DISTINCT ?x WHERE { VALUES ?s { ${iris.map((i) => `<${i}>`).join(' ')} } { ${levels.join(' } UNION { ')} } ?n ${match} ?x . FILTER(isIRI(?x)) } LIMIT ${MAX_EXPANDED}`;
  const result = await store.query(query, { format: 'application/sparql-results+json' });
  const found = (JSON.parse(result.body) as { results: { bindings: { x: { value: string } }[] } }).results.bindings.map((b) => b.x.value);
  return [...new Set([...concepts, ...found])];
}

/** Adds to a request with a query the entities its text names (ranked first) and the concepts it means. */
export async function withMeaning(request: SearchRequest, index: SearchIndex, store: QuadStore | undefined, depth: number): Promise<void> {
  if (!request.query) return;
  const { concepts, agents } = namedBy(index, request.query);
  if (agents.length) request.named = agents;
  if (concepts.length) request.concepts = store ? await narrowerTo(store, concepts, depth) : concepts;
}
