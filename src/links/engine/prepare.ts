import type { LinkSpec } from '../model/spec.js';
import { applyTransforms } from '../transforms/index.js';
import type { LinkEntity } from './types.js';

/**
 * Longest raw value the engine reads, in characters; the rest is cut. String comparators are
 * quadratic in length, so one pasted abstract in a name field must not stall a whole run.
 */
export const MAX_VALUE_CHARS = 2000;

const cut = (values: readonly string[]): string[] => values.map((v) => (v.length > MAX_VALUE_CHARS ? v.slice(0, MAX_VALUE_CHARS) : v));

/** Transformed values per value name and side; values only graph evidence names come raw from linkgraph. */
export function prepareValues(spec: LinkSpec, sources: LinkEntity[], targets: LinkEntity[], dedup: boolean, signal?: AbortSignal) {
  const names = new Set([...spec.blocking.map((b) => b.value), ...spec.compare.map((c) => c.value)]);
  const side = (ents: LinkEntity[]) => {
    const m = new Map<string, string[][]>();
    for (const name of names) {
      const transforms = spec.values[name]?.transforms ?? [];
      m.set(
        name,
        ents.map((e, i) => {
          if (i % 10_000 === 0) signal?.throwIfAborted();
          return applyTransforms(transforms, cut(e.values[name] ?? []));
        }),
      );
    }
    return m;
  };
  const source = side(sources);
  return { source, target: dedup ? source : side(targets) };
}
