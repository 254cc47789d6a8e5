/**
 * The comparators a link spec may name. Each prepares an entity's transformed values once
 * (token sets, TF-IDF vectors, numbers) and then scores prepared pairs in [0, 1].
 * An entity without values prepares to undefined: the pair has no score for that comparison.
 */
import type { Comparison } from '../model/spec.js';
import { mongeElkan, numberDistance } from './lists.js';
import { jaccard, overlap, tokenSet } from './sets.js';
import { STRING_SIMILARITIES, trigrams } from './strings.js';
import { cosine, type SoftInner, softTfIdf, TfIdfCorpus, type TfIdfVector } from './tfidf.js';

export interface Comparator<P = unknown> {
  prepare(values: readonly string[]): P | undefined;
  score(a: P, b: P): number;
}

/** Values of every entity of the run (both sides) for the compared value: the corpus of IDF. */
export type RunValues = () => Iterable<readonly string[]>;

type Factory = (c: Comparison, run: RunValues) => Comparator;

const nonEmpty = <T>(v: readonly T[]): readonly T[] | undefined => (v.length ? v : undefined);

function bestOfPairs(sim: (a: string, b: string) => number): Comparator<readonly string[]> {
  return {
    prepare: nonEmpty,
    score(a, b) {
      let best = 0;
      for (const x of a) for (const y of b) if ((best = Math.max(best, sim(x, y))) === 1) return 1;
      return best;
    },
  };
}

function sets(make: (values: readonly string[]) => Set<string>, sim: (a: Set<string>, b: Set<string>) => number): Comparator<Set<string>> {
  return {
    prepare: (v) => {
      const s = make(v);
      return s.size ? s : undefined;
    },
    score: sim,
  };
}

function numbers(max: number): Comparator<number[]> {
  return {
    prepare: (v) => {
      const n = v.map(Number).filter((x) => Number.isFinite(x));
      return n.length ? n : undefined;
    },
    score: (a, b) => numberDistance(a, b, max),
  };
}

function tfidf(run: RunValues, score: (a: TfIdfVector, b: TfIdfVector) => number): Comparator<TfIdfVector> {
  const corpus = new TfIdfCorpus();
  for (const v of run()) if (v.length) corpus.add(v);
  return { prepare: (v) => corpus.vector(v), score };
}

export const innerSimilarity = (name: string): ((a: string, b: string) => number) => {
  const f = STRING_SIMILARITIES[name];
  if (!f) throw new Error(`unknown inner comparator ${name}`);
  return f;
};

/** Winkler adds at most 0.4 × (1 − Jaro): below this Jaro no token pair reaches the threshold. */
function minJaro(inner: string, threshold: number): number {
  if (inner === 'jaro') return threshold;
  if (inner === 'jaro-winkler') return Math.max(0, (threshold - 0.4) / 0.6);
  return 0;
}

const evidence: Factory = () => sets((v) => new Set(v), overlap);

export const COMPARATORS: Record<string, Factory> = {
  exact: () => bestOfPairs(STRING_SIMILARITIES.exact!),
  identifier: () => bestOfPairs(STRING_SIMILARITIES.exact!),
  levenshtein: () => bestOfPairs(STRING_SIMILARITIES.levenshtein!),
  jaro: () => bestOfPairs(STRING_SIMILARITIES.jaro!),
  'jaro-winkler': () => bestOfPairs(STRING_SIMILARITIES['jaro-winkler']!),
  'token-jaccard': () => sets(tokenSet, jaccard),
  trigram: () => sets((v) => (v.length ? trigrams(v.join(' ')) : new Set()), jaccard),
  tfidf: (_c, run) => tfidf(run, cosine),
  'soft-tfidf': (c, run) => {
    const inner: SoftInner = { sim: innerSimilarity(c.inner), minJaro: minJaro(c.inner, c.threshold) };
    return tfidf(run, (a, b) => softTfIdf(a, b, inner, c.threshold));
  },
  'monge-elkan': (c) => {
    const inner = innerSimilarity(c.inner);
    return { prepare: nonEmpty, score: (a: readonly string[], b: readonly string[]) => mongeElkan(a, b, inner) } as Comparator<readonly string[]>;
  },
  'year-distance': (c) => numbers(c.max),
  'number-distance': (c) => numbers(c.max),
  overlap: evidence,
};

/** Graph evidence: the neighbour sets linkgraph reads from the store, compared by overlap. */
export const EVIDENCE = ['shared-coauthors', 'shared-works', 'shared-affiliation', 'shared-subject'] as const;

export const COMPARATOR_NAMES = Object.keys(COMPARATORS);
export const INNER_NAMES = Object.keys(STRING_SIMILARITIES);

export function compileComparator(c: Comparison, run: RunValues): Comparator {
  const f = COMPARATORS[c.using];
  if (!f) throw new Error(`unknown comparator ${c.using}`);
  return f(c, run);
}
