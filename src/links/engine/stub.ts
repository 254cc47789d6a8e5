/**
 * STUB for linkgraph's branch only, deleted when linkcore's engine is merged: the agreed shapes
 * (LinkSpec, LinkEntity, MatchResult) and a trivial exact-match `matchEntities`, so that selection,
 * runs, jobs and results can be built and tested before the real engine exists.
 */
import { parse as parseYaml } from 'yaml';

export interface ValueSpec {
  path: string;
  transforms?: string[];
  list?: boolean;
}
export interface Selection {
  class?: string;
  sparql?: string;
  /** Optional named-graph IRI prefix (`{base}` not yet resolved). */
  graph?: string;
}
export interface CompareSpec {
  value?: string;
  evidence?: string;
  using?: string;
  weight?: number;
}
export interface LinkSpec {
  id: string;
  version: number;
  label?: string;
  prefixes?: Record<string, string>;
  source: Selection;
  target: Selection | 'same';
  values: Record<string, ValueSpec>;
  blocking?: { value: string; method: string }[];
  compare: CompareSpec[];
  aggregate?: unknown;
  accept: number;
  review: number;
  link: string;
}
export type LinkEntity = { iri: string; id?: string; values: Record<string, string[]> };
export type ScoredPair = { source: string; target: string; score: number; evidence: Record<string, number>; status: 'accepted' | 'review' };
export type MatchResult = { pairs: ScoredPair[]; stats: { candidates: number; compared: number; reductionRatio: number; seconds: number } };

export class LinkSpecError extends Error {}

export function parseLinkSpec(text: string, file: string): LinkSpec {
  const spec = parseYaml(text) as LinkSpec;
  if (!spec || typeof spec.id !== 'string' || !spec.source || !spec.values || !Array.isArray(spec.compare)) {
    throw new LinkSpecError(`${file}: a link spec needs id, source, values and compare`);
  }
  return spec;
}

const TRANSFORMS: Record<string, (s: string) => string> = {
  lowercase: (s) => s.toLowerCase(),
  'fold-diacritics': (s) => s.normalize('NFD').replace(/\p{M}/gu, ''),
  'strip-punctuation': (s) =>
    s
      .replace(/[\p{P}\p{S}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  isbn13: (s) => {
    const d = s.replace(/[^0-9Xx]/g, '');
    if (d.length !== 10) return d;
    const core = `978${d.slice(0, 9)}`;
    const sum = [...core].reduce((a, c, i) => a + Number(c) * (i % 2 ? 3 : 1), 0);
    return core + ((10 - (sum % 10)) % 10);
  },
};

const cache = new WeakMap<LinkEntity, Map<string, Set<string>>>();
function keys(spec: LinkSpec, e: LinkEntity, value: string): Set<string> {
  let byValue = cache.get(e);
  if (!byValue) cache.set(e, (byValue = new Map()));
  let found = byValue.get(value);
  if (!found) {
    const transform = (v: string) => (spec.values[value]?.transforms ?? []).reduce((s, t) => TRANSFORMS[t]?.(s) ?? s, v);
    byValue.set(value, (found = new Set((e.values[value] ?? []).map(transform))));
  }
  return found;
}

/** Links two entities when every compared value shares one transformed string (score 1). */
export function matchEntities(
  spec: LinkSpec,
  sources: LinkEntity[],
  targets: LinkEntity[] | 'same',
  opts: { onProgress?(done: number, total: number): void; signal?: AbortSignal } = {},
): MatchResult {
  const started = Date.now();
  const other = targets === 'same' ? sources : targets;
  const compared = spec.compare.filter((c) => c.value).map((c) => c.value as string);
  const pairs: ScoredPair[] = [];
  const total = sources.length * other.length;
  let done = 0;
  for (const s of sources) {
    for (const t of other) {
      done++;
      if (s.iri === t.iri) continue;
      if (targets === 'same' && s.iri > t.iri) continue;
      const evidence: Record<string, number> = {};
      for (const v of compared) {
        const a = keys(spec, s, v);
        evidence[v] = [...keys(spec, t, v)].some((k) => a.has(k)) ? 1 : 0;
      }
      if (compared.length && compared.every((v) => evidence[v] === 1)) pairs.push({ source: s.iri, target: t.iri, score: 1, evidence, status: 'accepted' });
    }
    opts.onProgress?.(done, total);
    if (opts.signal?.aborted) throw opts.signal.reason;
  }
  return { pairs, stats: { candidates: total, compared: done, reductionRatio: 0, seconds: (Date.now() - started) / 1000 } };
}
