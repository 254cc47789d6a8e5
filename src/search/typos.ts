/**
 * Typo tolerance: a query word of 5 or more letters also matches the index's own words one edit
 * away (two for 9 or more letters; an edit is a letter added, dropped, changed, or two neighbours
 * swapped). The adapters rank such matches below exact ones (sqlite.ts, memory.ts); the same
 * candidates give "did you mean" corrections. Words come from the index's vocabulary, so a
 * correction is always a word some entity has.
 */
import type { QueryNode } from './query.js';

/** A word of the index's vocabulary and the number of entities that hold it. */
export interface VocabularyWord {
  term: string;
  docs: number;
}

/** Index words sharing `word`'s first letter within `maxEdits` (the word itself included, when indexed). */
export type SimilarTerms = (word: string, maxEdits: number) => VocabularyWord[];

/** A word is taken for a typo when an indexed word an edit away is held by this many times more entities. */
export const TYPO_RATIO = 10;

/** Variants kept per query word: the nearest first, then the most frequent. */
export const MAX_VARIANTS = 6;

/** A word as unicode61 with remove_diacritics indexes it: case and marks folded. */
export const foldWord = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** Edits a word of this many letters may differ by: 0 below 5 letters, 1 from 5, 2 from 9. */
export function allowedEdits(word: string): number {
  const n = [...word].length;
  return n >= 9 ? 2 : n >= 5 ? 1 : 0;
}

/** Optimal string alignment distance (adjacent swaps count once), or max + 1 as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Words typo tolerance applies to: one run of letters (not CJK, which is matched character by character). */
const PLAIN_WORD = /^(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])\p{L})+$/u;

/** A query word's spelling correction: `to` is the indexed word most entities hold among its near neighbours. */
export interface Correction {
  from: string;
  to: string;
}

/** The query tree with typo variants on its plain words, and the corrections for words the index (nearly) lacks. */
export function withTypos(node: QueryNode, similar: SimilarTerms): { node: QueryNode; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const walk = (n: QueryNode): QueryNode => {
    switch (n.kind) {
      case 'term': {
        if (n.phrase || n.prefix || n.field === 'id' || !PLAIN_WORD.test(n.text)) return n;
        const word = foldWord(n.text);
        const edits = allowedEdits(word);
        if (edits === 0) return n;
        const near = similar(word, edits);
        const own = near.find((w) => w.term === word)?.docs ?? 0;
        const others = near
          .filter((w) => w.term !== word)
          .map((w) => ({ ...w, d: editDistance(word, w.term, edits) }))
          .sort((x, y) => x.d - y.d || y.docs - x.docs || (x.term < y.term ? -1 : 1))
          .slice(0, MAX_VARIANTS);
        const best = [...others].sort((x, y) => y.docs - x.docs || x.d - y.d)[0];
        // Only a word absent from the index or many times rarer than a neighbour looks like a typo. A word in
        // ordinary use gets no variants: its query costs what it did (the variants' lower rank needs a second
        // pass over the word's matches: "pride and prejudice" took 7.1 ms instead of 2.0 at p50 when "pride"
        // got "price" as a variant for being merely rarer), and it finds no noise.
        if (!best || best.docs <= own * TYPO_RATIO) return n;
        corrections.push({ from: n.text, to: best.term });
        return { ...n, variants: others.map((w) => w.term) };
      }
      case 'and':
      case 'or':
        return { ...n, children: n.children.map(walk) };
      case 'not':
        return n; // an exclusion stays exact: a typo variant must not exclude more than asked
    }
  };
  return { node: walk(node), corrections };
}

/** Whether a tree has typo variants anywhere (the adapters then rank exact matches first). */
export function hasVariants(n: QueryNode): boolean {
  if (n.kind === 'term') return !!n.variants?.length;
  if (n.kind === 'not') return false;
  return n.children.some(hasVariants);
}

/** The query text with each corrected word replaced (case-insensitively, whole words only). */
export function correctedQuery(q: string, corrections: Correction[]): string {
  let out = q;
  for (const c of corrections) {
    const escaped = c.from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), c.to);
  }
  return out;
}
