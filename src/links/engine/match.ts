/**
 * matchEntities: transforms the values, blocks, compares the candidate pairs, aggregates
 * and thresholds. Pure and synchronous; linkgraph runs it in a worker thread.
 */
import { candidatePairs } from '../block/candidates.js';
import { type Comparator, compileComparator } from '../compare/index.js';
import type { LinkSpec } from '../model/spec.js';
import { aggregator } from './aggregate.js';
import { keepBest } from './best.js';
import { prepareValues } from './prepare.js';
import { Pruner } from './prune.js';
import type { LinkEntity, MatchOptions, MatchResult, ScoredPair } from './types.js';

/** Twins on one side (best.ts) must agree on every comparison to this much less than `twins`: a year apart is two records. */
const TWIN_SLACK = 0.05;

/** How many pairs between progress reports and abort checks. */
const PROGRESS_EVERY = 20_000;

export function matchEntities(spec: LinkSpec, sources: LinkEntity[], targets: LinkEntity[] | 'same', opts: MatchOptions = {}): MatchResult {
  const started = performance.now();
  const dedup = targets === 'same';
  const tgts = dedup ? sources : targets;
  const prepared = prepareValues(spec, sources, tgts, dedup, opts.signal);
  const valuesOf = (value: string, side: 'source' | 'target', i: number) => prepared[side].get(value)![i]!;

  const comparators: Comparator[] = spec.compare.map((c) =>
    compileComparator(c, function* () {
      yield* prepared.source.get(c.value)!;
      if (!dedup) yield* prepared.target.get(c.value)!;
    }),
  );
  const prepSide = (side: 'source' | 'target') => spec.compare.map((c, k) => prepared[side].get(c.value)!.map((v) => comparators[k]!.prepare(v)));
  const srcPrep = prepSide('source');
  const tgtPrep = dedup ? srcPrep : prepSide('target');

  const groups = dedup && spec.pairs === 'across-graphs' ? groupNumbers(sources) : undefined;
  const focus = opts.focus && { source: flags(sources, opts.focus), target: dedup ? undefined : flags(tgts, opts.focus) };
  const cands = candidatePairs(spec.blocking, sources.length, tgts.length, dedup, valuesOf, opts.signal, groups, focus);
  // Values only blocking reads (key variants can be many per entity) are not needed any more.
  for (const b of spec.blocking) {
    if (spec.compare.some((c) => c.value === b.value)) continue;
    prepared.source.delete(b.value);
    prepared.target.delete(b.value);
  }
  const aggregate = aggregator(spec.aggregate, spec.compare);
  const scores = new Float64Array(spec.compare.length);
  const pruner = new Pruner(spec);
  const kept: ScoredPair[] = [];
  let done = 0;
  for (let i = 0; i < sources.length; i++) {
    for (let p = cands.offsets[i]!; p < cands.offsets[i + 1]!; p++) {
      const j = cands.targets[p]!;
      // An entity selected on both sides (a catalogue series a catalogue record relates to) is not linked to itself.
      const self = !dedup && sources[i]!.iri === tgts[j]!.iri;
      if (
        !self &&
        pruner.scoreAll(scores, (k) =>
          srcPrep[k]![i] !== undefined && tgtPrep[k]![j] !== undefined
            ? comparators[k]!.score(srcPrep[k]![i], tgtPrep[k]![j])
            : (spec.compare[k]!.missing ?? Number.NaN),
        )
      ) {
        const score = aggregate(scores);
        if (score >= spec.review) kept.push(scored(spec, sources[i]!, tgts[j]!, score, scores));
      }
      if (++done % PROGRESS_EVERY === 0) {
        opts.signal?.throwIfAborted();
        opts.onProgress?.(done, cands.count);
      }
    }
  }
  opts.onProgress?.(done, cands.count);
  // Two entities of one side that match each other (a publication recorded twice) may both keep a link to the other side.
  const twins = spec.best.mode === 'best' ? spec.best.twins : undefined;
  const index = new Map(tgts.map((e, j) => [e.iri, j]));
  const alike = (x: string, y: string) => {
    const i = index.get(x)!;
    const j = index.get(y)!;
    if (twins === undefined) return false;
    return (
      pruner.scoreAll(scores, (k) =>
        srcPrep[k]![i] !== undefined && srcPrep[k]![j] !== undefined
          ? comparators[k]!.score(srcPrep[k]![i], srcPrep[k]![j])
          : (spec.compare[k]!.missing ?? Number.NaN),
      ) &&
      aggregate(scores) >= twins &&
      scores.every((x) => !(x < twins - TWIN_SLACK))
    );
  };
  const total = groups ? acrossPairs(groups) : dedup ? (sources.length * (sources.length - 1)) / 2 : sources.length * tgts.length;
  return {
    pairs: spec.best.mode === 'best' ? keepBest(kept, spec.best.margin, dedup, dedup && twins !== undefined ? alike : undefined) : kept,
    stats: { candidates: cands.count, compared: done, reductionRatio: total ? 1 - cands.count / total : 1, seconds: (performance.now() - started) / 1000 },
  };
}

/** 1 for each entity in `set`. */
const flags = (entities: LinkEntity[], set: ReadonlySet<string>) => Uint8Array.from(entities, (e) => (set.has(e.iri) ? 1 : 0));

/** Each entity's group as a small integer; entities without a group share one. */
function groupNumbers(entities: LinkEntity[]): Int32Array {
  const ids = new Map<string | undefined, number>();
  return Int32Array.from(entities, (e) => {
    let id = ids.get(e.group);
    if (id === undefined) ids.set(e.group, (id = ids.size));
    return id;
  });
}

/** Unordered pairs of entities in different groups: the pairs a run without blocking would compare. */
function acrossPairs(groups: Int32Array): number {
  const sizes = new Map<number, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  let all = 0;
  let same = 0;
  for (const n of sizes.values()) {
    all += n;
    same += (n * (n - 1)) / 2;
  }
  return (all * (all - 1)) / 2 - same;
}

function scored(spec: LinkSpec, s: LinkEntity, t: LinkEntity, score: number, scores: Float64Array): ScoredPair {
  const evidence: Record<string, number> = {};
  spec.compare.forEach((c, k) => {
    if (!Number.isNaN(scores[k]!)) evidence[c.name] = round(scores[k]!);
  });
  return { source: s.iri, target: t.iri, score: round(score), evidence, status: score >= spec.accept ? 'accepted' : 'review' };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
