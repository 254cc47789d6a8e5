/**
 * Reconciliation candidates: the search index finds entities sharing words
 * with the name, then each is scored 0-100 by how closely its best label
 * matches the name (word overlap after folding case, diacritics and
 * punctuation; a word an edit or two away counts nearly in full, as search's
 * typo tolerance matches it) and by the property values the client sent (birth date,
 * author, year, identifier). `match` is only claimed for a near-exact name
 * with a clear lead over the next candidate.
 */

import { own } from '../../own.js';
import { type CanonicalOf, collapseClusters } from '../../search/collapse.js';
import type { SearchDoc, SearchIndex } from '../../search/port.js';
import type { QueryNode } from '../../search/query.js';
import { MAX_TERMS } from '../../search/query.js';
import { compactId, foldLabel, spaceCjk } from '../../search/text.js';
import { allowedEdits, editDistance } from '../../search/typos.js';
import { NS } from '../../vocab.js';

export interface ReconQuery {
  query: string;
  types: string[];
  limit: number;
  properties: { pid: string; values: string[] }[];
}

export interface Candidate {
  doc: SearchDoc;
  score: number;
  match: boolean;
}

/** Names a client may use for the properties we compare (short names, CURIEs or IRIs). */
const PROPERTY_KINDS: Record<string, 'birth' | 'death' | 'contributor' | 'year' | 'identifier' | 'subject'> = {
  birthdate: 'birth',
  born: 'birth',
  [NS.schema('birthDate').toLowerCase()]: 'birth',
  'schema:birthdate': 'birth',
  deathdate: 'death',
  died: 'death',
  [NS.schema('deathDate').toLowerCase()]: 'death',
  'schema:deathdate': 'death',
  author: 'contributor',
  creator: 'contributor',
  contributor: 'contributor',
  [NS.dct('creator').toLowerCase()]: 'contributor',
  [NS.dct('contributor').toLowerCase()]: 'contributor',
  'dct:creator': 'contributor',
  'dct:contributor': 'contributor',
  year: 'year',
  issued: 'year',
  date: 'year',
  [NS.dct('issued').toLowerCase()]: 'year',
  'dct:issued': 'year',
  identifier: 'identifier',
  isbn: 'identifier',
  doi: 'identifier',
  orcid: 'identifier',
  [NS.dct('identifier').toLowerCase()]: 'identifier',
  'dct:identifier': 'identifier',
  subject: 'subject',
  [NS.dct('subject').toLowerCase()]: 'subject',
  'dct:subject': 'subject',
};

export const propertyKind = (pid: string) => own(PROPERTY_KINDS, pid.trim().toLowerCase());

const words = (s: string): string[] => foldLabel(spaceCjk(s)).split(' ').filter(Boolean);

/** Credit for a word matched with typos: 1 less this per edit (a name with one typo is not quite the name). */
const TYPO_PENALTY = 0.1;

/** Dice coefficient of the two word lists (1 = the same words), counting a word within typo distance as 1 − 0.1 per edit. */
function similarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const rest = [...b];
  let common = 0;
  const near: string[] = [];
  for (const w of a) {
    const i = rest.indexOf(w);
    if (i >= 0) {
      common++;
      rest.splice(i, 1);
    } else near.push(w);
  }
  // Exact words first, so a typo never takes the word another query word matches exactly.
  for (const w of near) {
    const max = allowedEdits(w);
    if (max === 0) continue;
    let best = -1;
    let bestD = max + 1;
    rest.forEach((r, j) => {
      const d = editDistance(w, r, max);
      if (d < bestD) [best, bestD] = [j, d];
    });
    if (best >= 0) {
      common += 1 - TYPO_PENALTY * bestD;
      rest.splice(best, 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

const yearOf = (s: string | undefined) => /(\d{4})/.exec(s ?? '')?.[1];

/** 1 when the entity has the value, 0 when it has another, undefined when it says nothing about it. */
function propertyAgrees(doc: SearchDoc, kind: string, values: string[]): number | undefined {
  switch (kind) {
    case 'birth':
    case 'death': {
      const own = yearOf(kind === 'birth' ? doc.dates.birth : doc.dates.death);
      if (!own) return undefined;
      return values.some((v) => yearOf(v) === own) ? 1 : 0;
    }
    case 'year':
      if (doc.years.length === 0) return undefined;
      return values.some((v) => doc.years.includes(Number(yearOf(v)))) ? 1 : 0;
    case 'contributor': {
      if (doc.contributors.length === 0) return undefined;
      const names = doc.contributors.map((c) => words(c.name));
      return values.some((v) => {
        const want = words(v);
        return want.length > 0 && names.some((n) => want.every((w) => n.includes(w)));
      })
        ? 1
        : 0;
    }
    case 'identifier': {
      const own = new Set(doc.identifiers.map(compactId));
      return values.some((v) => own.has(compactId(v))) ? 1 : 0;
    }
    case 'subject': {
      if (doc.subjects.length === 0) return undefined;
      const labels = doc.subjects.map((s) => foldLabel(s.label));
      return values.some((v) => labels.some((l) => l.includes(foldLabel(v)))) ? 1 : 0;
    }
  }
  return undefined;
}

/** How many candidates the index is asked for per wanted result: the scoring may reorder them. */
const OVERFETCH = 4;

/** Candidates, best first; members of one owl:sameAs cluster are one candidate, named by the cluster's canonical IRI. */
export function reconcile(index: SearchIndex, q: ReconQuery, iriPrefix: string, canonicalOf: CanonicalOf = (iri) => iri): Candidate[] {
  const nameWords = words(q.query);
  // The name's words, any of them: a name with extra words (dates, a subtitle) still finds its entity.
  const terms: QueryNode[] = q.query
    .split(/[\s,;:()[\]"]+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_TERMS)
    .map((text) => ({ kind: 'term', text, phrase: false, prefix: false }));
  const idValues = q.properties.filter((p) => propertyKind(p.pid) === 'identifier').flatMap((p) => p.values);
  for (const id of idValues.slice(0, 4)) terms.push({ kind: 'term', text: id, field: 'id', phrase: true, prefix: false });
  if (terms.length === 0) return [];
  const answer = index.search({
    query: terms.length === 1 ? terms[0] : { kind: 'or', children: terms },
    filters: { types: q.types, iriPrefix },
    from: 0,
    size: Math.min(100, q.limit * OVERFETCH),
  });
  const scored = answer.hits.map(({ doc }) => {
    const labels = [...doc.labels, ...doc.altLabels].map((l) => words(l.value));
    const name = Math.max(0, ...labels.map((l) => similarity(nameWords, l)));
    const checks = q.properties.flatMap((p) => {
      const kind = propertyKind(p.pid);
      const r = kind ? propertyAgrees(doc, kind, p.values) : undefined;
      return r === undefined ? [] : [r];
    });
    let score = name * 100;
    if (checks.length > 0) score = 0.6 * score + 40 * (checks.reduce((a, b) => a + b, 0) / checks.length);
    return { doc, score: Math.round(score * 10) / 10, exact: name === 1 && checks.every((c) => c === 1) };
  });
  // A candidate sharing no word of the name and no property value is noise from the text columns.
  const ranked = scored.filter((c) => c.score > 0).sort((a, b) => b.score - a.score);
  const kept = collapseClusters(ranked, canonicalOf).hits.map((c) => {
    const canonical = canonicalOf(c.doc.iri);
    return canonical === c.doc.iri || !canonical.startsWith(iriPrefix) ? c : { ...c, doc: index.get(canonical) ?? { ...c.doc, iri: canonical } };
  });
  return kept.slice(0, q.limit).map((c, i) => {
    const next = kept[i + 1];
    const match = i === 0 && c.exact && c.score >= 95 && (!next || next.score < c.score - 10);
    return { doc: c.doc, score: c.score, match };
  });
}
