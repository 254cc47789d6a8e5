/**
 * TF-IDF cosine and soft-TF-IDF (Cohen, Ravikumar & Fienberg 2003) with the IDF of each
 * token computed over the run's own values (both sides), so rare words weigh more.
 */
import { tokenSet } from './sets.js';

/** A document's tokens in id order with their L2-normalised weights; `tokens` keeps the strings for soft matching. */
export interface TfIdfVector {
  ids: Int32Array;
  weights: Float64Array;
  tokens: string[];
  /** Per token: which characters occur (char code mod 32), for the cheap bound of softTfIdf. */
  masks: Int32Array;
}

export function charMask(t: string): number {
  let m = 0;
  for (let i = 0; i < t.length; i++) m |= 1 << (t.charCodeAt(i) & 31);
  return m;
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Highest Jaro similarity two tokens can have: a character of one that the other lacks
 * never matches, so at most min(|a| − u, |b| − v) characters match.
 */
export function jaroBound(a: string, maskA: number, b: string, maskB: number): number {
  const m = Math.min(a.length - popcount(maskA & ~maskB), b.length - popcount(maskB & ~maskA));
  return m <= 0 ? 0 : (m / a.length + m / b.length + 1) / 3;
}

export class TfIdfCorpus {
  private readonly ids = new Map<string, number>();
  private readonly df: number[] = [];
  private docs = 0;

  add(values: readonly string[]): void {
    this.docs++;
    for (const t of tokenSet(values)) {
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.df.length;
        this.ids.set(t, id);
        this.df.push(0);
      }
      this.df[id]!++;
    }
  }

  idf(token: string): number {
    const id = this.ids.get(token);
    // A token never seen while building is as rare as can be.
    const df = id === undefined ? 1 : this.df[id]!;
    return Math.log((this.docs + 1) / df);
  }

  vector(values: readonly string[]): TfIdfVector | undefined {
    const counts = new Map<string, number>();
    for (const v of values) for (const t of v.split(/\s+/)) if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
    if (counts.size === 0) return undefined;
    const entries = [...counts].map(([t, n]) => ({ t, id: this.ids.get(t) ?? -1, w: (1 + Math.log(n)) * this.idf(t) }));
    entries.sort((x, y) => x.id - y.id);
    let norm = 0;
    for (const e of entries) norm += e.w * e.w;
    norm = Math.sqrt(norm) || 1;
    return {
      ids: Int32Array.from(entries, (e) => e.id),
      weights: Float64Array.from(entries, (e) => e.w / norm),
      tokens: entries.map((e) => e.t),
      masks: Int32Array.from(entries, (e) => charMask(e.t)),
    };
  }
}

/** Cosine of two normalised vectors: a merge over the sorted token ids. Unknown tokens (-1) never match. */
export function cosine(a: TfIdfVector, b: TfIdfVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      if (x >= 0) sum += a.weights[i]! * b.weights[j]!;
      i++;
      j++;
    }
  }
  return Math.min(1, sum);
}

/**
 * An inner similarity for soft-TF-IDF, with `minJaro`: the Jaro similarity below which it
 * cannot reach the threshold (0 = no such bound), so most token pairs are skipped uncomputed.
 */
export type SoftInner = { sim: (x: string, y: string) => number; minJaro: number };

/** Each token of `a` meets its most similar token of `b`; pairs at or above `threshold` add weight × weight × similarity. */
export function softTfIdf(a: TfIdfVector, b: TfIdfVector, inner: SoftInner, threshold: number): number {
  let sum = 0;
  for (let i = 0; i < a.tokens.length; i++) {
    const s = a.tokens[i]!;
    const idA = a.ids[i]!;
    const maskA = a.masks[i]!;
    let best = 0;
    let bestJ = -1;
    for (let j = 0; j < b.tokens.length; j++) {
      const idB = b.ids[j]!;
      let sim: number;
      if (idA === idB && idA >= 0) sim = 1;
      else if (inner.minJaro > 0 && jaroBound(s, maskA, b.tokens[j]!, b.masks[j]!) < inner.minJaro) continue;
      else sim = inner.sim(s, b.tokens[j]!);
      if (sim > best) {
        best = sim;
        bestJ = j;
        if (sim === 1) break;
      }
    }
    if (bestJ >= 0 && best >= threshold) sum += a.weights[i]! * b.weights[bestJ]! * best;
  }
  return Math.min(1, sum);
}
