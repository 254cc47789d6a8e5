/**
 * Autocomplete (`GET /search/suggest?q=`): labels of entities and concepts whose label words start with
 * what was typed (the last word as a prefix), as the OpenSearch Suggestions extension answers:
 * `[query, [completions], [descriptions], [urls]]` (application/x-suggestions+json). Labels starting
 * with the text come first, then the index's own rank.
 */
import { keyCompactor } from '../../rdf/jsonld-nodes.js';
import { displayLabel } from '../../search/merge.js';
import type { SearchIndex } from '../../search/port.js';
import type { QueryNode } from '../../search/query.js';
import { MAX_TERMS } from '../../search/query.js';
import { foldLabel } from '../../search/text.js';

const compact = keyCompactor();

/** Candidates read per suggestion shown: several entities may share a label. */
const OVERFETCH = 4;

export type Suggestions = [string, string[], string[], string[]];

/** The typed text as title-field terms, the last one a prefix (never a syntax error: a half-typed query is normal). */
function prefixQuery(q: string): QueryNode | undefined {
  const words = q
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TERMS);
  const last = words.length - 1;
  const terms: QueryNode[] = words.map((text, i) => ({ kind: 'term', text, field: 'title', phrase: false, prefix: i === last && !/\s$/.test(q) }));
  return terms.length === 0 ? undefined : terms.length === 1 ? terms[0] : { kind: 'and', children: terms };
}

export function suggest(index: SearchIndex, q: string, size: number): Suggestions {
  const query = prefixQuery(q);
  if (!query) return [q, [], [], []];
  const hits = index.search({ query, from: 0, size: size * OVERFETCH, typos: false }).hits;
  const typed = foldLabel(q);
  const seen = new Set<string>();
  const picked = hits
    .map((h, rank) => ({ doc: h.doc, label: displayLabel(h.doc), rank }))
    .sort((a, b) => Number(foldLabel(b.label).startsWith(typed)) - Number(foldLabel(a.label).startsWith(typed)) || a.rank - b.rank)
    .filter((c) => !seen.has(c.label) && seen.add(c.label) !== undefined)
    .slice(0, size);
  return [q, picked.map((c) => c.label), picked.map((c) => c.doc.types.map((t) => compact(t)).join(', ')), picked.map((c) => c.doc.iri)];
}
