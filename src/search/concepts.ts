/**
 * Semantic expansion, the index's half: what a query's text names. A query whose words are the label
 * (preferred, alternative or hidden, any language) of a SKOS concept means that concept, so the
 * entities indexed with it (and with its narrower concepts, which the caller adds from the store's
 * SKOS links) are found too, ranked after direct hits. A query whose words are a person's or an
 * organisation's name ranks that entity first.
 */
import { NS } from '../vocab.js';
import type { SearchDoc, SearchIndex } from './port.js';
import type { QueryNode } from './query.js';
import { foldLabel, germanSpelling } from './text.js';

/** Entities looked at per query: labels equal to a short query are few. */
const CANDIDATES = 50;

const AGENT_TYPES = new Set([NS.foaf('Person'), NS.foaf('Organization'), NS.schema('Person'), NS.schema('Organization'), NS.foaf('Agent')]);

/** The plain text of a query of words or one phrase (no fields but title/subject, no operators but AND), else undefined. */
export function queryText(node: QueryNode | undefined): string | undefined {
  if (!node) return undefined;
  const plain = (n: QueryNode): n is Extract<QueryNode, { kind: 'term' }> =>
    n.kind === 'term' && !n.prefix && (n.field === undefined || n.field === 'title' || n.field === 'subject');
  if (plain(node)) return node.text;
  if (node.kind === 'and' && node.children.every(plain)) return node.children.map((c) => (c as { text: string }).text).join(' ');
  return undefined;
}

/** A label folded, and again in its ae/oe/ue spelling (Zölle = Zoelle, as the index matches them). */
const forms = (s: string) => [foldLabel(s), foldLabel(germanSpelling(s) ?? s)];
const labelsOf = (d: SearchDoc) => [...d.labels, ...d.altLabels].flatMap((l) => forms(l.value));

export interface Named {
  /** Entities with a label equal to the text (concepts among them, and anything else so named). */
  concepts: string[];
  /** People and organisations so named. */
  agents: string[];
}

/** Entities whose label, folded (case, marks, punctuation), is the query's text. */
export function namedBy(index: SearchIndex, node: QueryNode | undefined): Named {
  const text = queryText(node);
  const folded = text === undefined ? '' : foldLabel(text);
  if (!text || !folded) return { concepts: [], agents: [] };
  const found = index.search({ query: { kind: 'term', text, phrase: true, prefix: false, field: 'title' }, from: 0, size: CANDIDATES, typos: false });
  const equal = found.hits.map((h) => h.doc).filter((d) => labelsOf(d).some((l) => l === folded || forms(text).includes(l)));
  return {
    concepts: equal.filter((d) => !d.types.some((t) => AGENT_TYPES.has(t))).map((d) => d.iri),
    agents: equal.filter((d) => d.types.some((t) => AGENT_TYPES.has(t))).map((d) => d.iri),
  };
}
