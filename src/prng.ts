/**
 * mulberry32: a tiny, fast 32-bit PRNG, seeded so that the same seed gives the same sequence on every
 * machine (generated usage logs, link-learn's split, test fuzzing). Only repeatability matters here, not
 * statistical strength, and four lines need no dependency.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
