/**
 * Candidate pairs: the union, over all blocking keys, of the pairs that share a key
 * (token, q-gram, identifier) or stand within a window in key order (sorted
 * neighbourhood). Built as one target list per source, so a pair is listed once.
 * Deduplication (targets = sources) lists each unordered pair once and never (i, i); with
 * `groups`, never a pair of two entities of one group (the check is one array read per pair).
 * With `focus` (an incremental run), only pairs with a changed entity at one end or the other.
 */
import type { BlockingKey } from '../model/spec.js';
import { indexKeys, sortKeys } from './keys.js';

/** Values of each blocking key's value, per entity (already transformed). */
export type ValuesOf = (value: string, side: 'source' | 'target', index: number) => readonly string[];

export interface Candidates {
  /** targets of source i: targets[offsets[i] .. offsets[i+1]) */
  offsets: Int32Array;
  targets: Int32Array;
  count: number;
}

type Neighbours = (i: number, emit: (j: number) => void) => void;

export function candidatePairs(
  keys: readonly BlockingKey[],
  nSources: number,
  nTargets: number,
  dedup: boolean,
  valuesOf: ValuesOf,
  signal?: AbortSignal,
  groups?: Int32Array,
  focus?: { source: Uint8Array; target?: Uint8Array },
): Candidates {
  const focusTarget = focus && (focus.target ?? focus.source);
  const gens = keys.map((k) =>
    k.method === 'sorted-neighbourhood' ? sortedNeighbourhood(k, nSources, nTargets, dedup, valuesOf) : invertedIndex(k, nSources, nTargets, dedup, valuesOf),
  );
  const asymmetric = dedup && keys.some((k) => k.rarest > 0 && k.method !== 'sorted-neighbourhood');
  const stamp = new Int32Array(nTargets).fill(-1);
  const offsets = new Int32Array(nSources + 1);
  let out = new Int32Array(1024);
  let n = 0;
  // Per-source rarest keys can find (j, i) but not (i, j): a deduplication run then keeps the pairs it saw from the other end.
  const seenLater = asymmetric ? new Set<number>() : undefined;
  for (let i = 0; i < nSources; i++) {
    // A cancelled job stops here too, not only once comparing has begun.
    if (i % 1000 === 0) signal?.throwIfAborted();
    offsets[i] = n;
    const emit = (j: number) => {
      if (stamp[j] === i || (dedup && j === i) || (groups && groups[i] === groups[j])) return;
      if (focus && !focus.source[i] && !focusTarget?.[j]) return;
      stamp[j] = i;
      if (dedup && j < i) {
        if (!seenLater || seenLater.has(j * nSources + i)) return;
        seenLater.add(j * nSources + i);
      } else if (seenLater) seenLater.add(i * nSources + j);
      if (n === out.length) {
        const bigger = new Int32Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      out[n++] = j;
    };
    for (const g of gens) g(i, emit);
  }
  offsets[nSources] = n;
  return { offsets, targets: out.subarray(0, n), count: n };
}

function invertedIndex(key: BlockingKey, nSources: number, nTargets: number, dedup: boolean, valuesOf: ValuesOf): Neighbours {
  // Keys become small integers once, so the per-source work below is array reads, not string hashing.
  const ids = new Map<string, number>();
  const lists: number[][] = [];
  for (let j = 0; j < nTargets; j++) {
    for (const k of indexKeys(key, valuesOf(key.value, 'target', j))) {
      let id = ids.get(k);
      if (id === undefined) {
        id = lists.length;
        ids.set(k, id);
        lists.push([]);
      }
      lists[id]!.push(j);
    }
  }
  const sourceCount = new Int32Array(lists.length);
  const sourceKeys: Int32Array[] = [];
  for (let i = 0; i < nSources; i++) {
    const ks: number[] = [];
    for (const k of indexKeys(key, valuesOf(key.value, dedup ? 'target' : 'source', i))) {
      const id = ids.get(k);
      if (id !== undefined) ks.push(id);
    }
    sourceKeys.push(Int32Array.from(ks));
    if (!dedup) for (const id of ks) sourceCount[id]!++;
  }
  // A key held by more entities than maxBlock on either side says little and costs much.
  const size = (id: number) => Math.max(lists[id]!.length, sourceCount[id]!);
  return (i, emit) => {
    let ks = sourceKeys[i]!.filter((id) => size(id) <= key.maxBlock);
    if (key.rarest > 0 && ks.length > key.rarest) ks = ks.sort((a, b) => size(a) - size(b)).subarray(0, key.rarest);
    for (const id of ks) for (const j of lists[id]!) emit(j);
  };
}

function sortedNeighbourhood(key: BlockingKey, nSources: number, nTargets: number, dedup: boolean, valuesOf: ValuesOf): Neighbours {
  // One entry per (entity, sort key); sources are entries with side 0, targets side 1 (all side 1 when deduplicating).
  const entries: { k: string; side: number; idx: number }[] = [];
  if (!dedup) for (let i = 0; i < nSources; i++) for (const k of sortKeys(valuesOf(key.value, 'source', i))) entries.push({ k, side: 0, idx: i });
  for (let j = 0; j < nTargets; j++) for (const k of sortKeys(valuesOf(key.value, 'target', j))) entries.push({ k, side: 1, idx: j });
  entries.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.side - b.side || a.idx - b.idx));
  const positions: number[][] = Array.from({ length: nSources }, () => []);
  entries.forEach((e, p) => {
    if (dedup || e.side === 0) positions[e.idx]!.push(p);
  });
  return (i, emit) => {
    for (const p of positions[i]!) {
      const lo = Math.max(0, p - key.window);
      const hi = Math.min(entries.length - 1, p + key.window);
      for (let q = lo; q <= hi; q++) if (entries[q]!.side === 1) emit(entries[q]!.idx);
    }
  };
}
