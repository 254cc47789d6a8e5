/** Set similarities: token Jaccard, trigram Jaccard, and the overlap behind graph evidence. */

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** |A ∩ B| / min(|A|, |B|): one shared co-author among two counts fully, whatever the other side's size. */
export function overlap<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / small.size;
}

export const tokenSet = (values: readonly string[]): Set<string> => {
  const out = new Set<string>();
  for (const v of values) for (const t of v.split(/\s+/)) if (t) out.add(t);
  return out;
};
