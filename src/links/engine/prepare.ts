import type { LinkSpec } from '../spec/types.js';
import { applyTransforms } from '../transforms/index.js';
import type { LinkEntity } from './types.js';

/** Transformed values per value name and side; values only graph evidence names come raw from linkgraph. */
export function prepareValues(spec: LinkSpec, sources: LinkEntity[], targets: LinkEntity[], dedup: boolean) {
  const names = new Set([...spec.blocking.map((b) => b.value), ...spec.compare.map((c) => c.value)]);
  const side = (ents: LinkEntity[]) => {
    const m = new Map<string, string[][]>();
    for (const name of names) {
      const transforms = spec.values[name]?.transforms ?? [];
      m.set(
        name,
        ents.map((e) => applyTransforms(transforms, e.values[name] ?? [])),
      );
    }
    return m;
  };
  const source = side(sources);
  return { source, target: dedup ? source : side(targets) };
}
