/**
 * The comparison scores of given pairs (the decided ones), as a run would compute them: the same
 * transforms, the same comparators with their corpus (IDF) over every selected entity, but no
 * blocking, no pruning and no `best` filter: learning needs every score of every decided pair.
 */
import { compileComparator } from '../compare/index.js';
import type { LinkEntity, LinkSpec } from '../engine/index.js';
import { prepareValues } from '../engine/prepare.js';

/** scores[k] is NaN where comparison k had no value on one side (the aggregate leaves it out). */
export function pairScores(
  spec: LinkSpec,
  sources: LinkEntity[],
  targets: LinkEntity[] | 'same',
  pairs: { source: string; target: string }[],
): (Float64Array | undefined)[] {
  const dedup = targets === 'same';
  const tgts = dedup ? sources : targets;
  const prepared = prepareValues(spec, sources, tgts, dedup);
  const comparators = spec.compare.map((c) =>
    compileComparator(c, function* () {
      yield* prepared.source.get(c.value) ?? [];
      if (!dedup) yield* prepared.target.get(c.value) ?? [];
    }),
  );
  const prep = (side: 'source' | 'target') => spec.compare.map((c, k) => (prepared[side].get(c.value) ?? []).map((v) => comparators[k]?.prepare(v)));
  const srcPrep = prep('source');
  const tgtPrep = dedup ? srcPrep : prep('target');
  const srcIndex = new Map(sources.map((e, i) => [e.iri, i]));
  const tgtIndex = new Map(tgts.map((e, j) => [e.iri, j]));
  // A decided pair may name its entities either way round (a deduplication lists each pair once).
  const locate = (p: { source: string; target: string }): [number, number] | undefined => {
    const i = srcIndex.get(p.source);
    const j = tgtIndex.get(p.target);
    if (i !== undefined && j !== undefined) return [i, j];
    const i2 = srcIndex.get(p.target);
    const j2 = tgtIndex.get(p.source);
    return i2 !== undefined && j2 !== undefined ? [i2, j2] : undefined;
  };
  return pairs.map((p) => {
    const at = locate(p);
    if (!at) return undefined;
    const [i, j] = at;
    return Float64Array.from(spec.compare, (c, k) => {
      const a = srcPrep[k]?.[i];
      const b = tgtPrep[k]?.[j];
      return a !== undefined && b !== undefined ? (comparators[k]?.score(a, b) ?? Number.NaN) : (c.missing ?? Number.NaN);
    });
  });
}
