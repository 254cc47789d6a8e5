/** String similarities in [0, 1] (1 = identical), on already transformed values. */

let row0 = new Int32Array(64);
let row1 = new Int32Array(64);

export function levenshteinDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (row0.length <= b.length) {
    row0 = new Int32Array(b.length * 2 + 1);
    row1 = new Int32Array(b.length * 2 + 1);
  }
  let prev = row0;
  let cur = row1;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = Math.min(sub, del, ins);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

export const levenshtein = (a: string, b: string): number => (a.length + b.length === 0 ? 1 : 1 - levenshteinDistance(a, b) / Math.max(a.length, b.length));

let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (matchedA.length < la) matchedA = new Uint8Array(la * 2);
  if (matchedB.length < lb) matchedB = new Uint8Array(lb * 2);
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (matchedB[j] || b.charCodeAt(j) !== c) continue;
      matchedA[i] = 1;
      matchedB[j] = 1;
      m++;
      break;
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

/** Winkler's boost for a common prefix (up to 4 characters, scale 0.1), applied above a Jaro of 0.7. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= 0.7) return j;
  let p = 0;
  const n = Math.min(4, a.length, b.length);
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return j + p * 0.1 * (1 - j);
}

export const exact = (a: string, b: string): number => (a === b ? 1 : 0);

/** Character trigrams of the padded string ("  ab " → "  a", " ab", "ab "), as in PostgreSQL's pg_trgm. */
export function trigrams(s: string): Set<string> {
  const p = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  return out;
}

export const STRING_SIMILARITIES: Record<string, (a: string, b: string) => number> = {
  exact,
  levenshtein,
  'jaro-winkler': jaroWinkler,
  jaro,
};
