/** The fitting behind `libkg link learn`: stratified seeded split, weights from logistic regression, the spec text rewritten with its comments. */
import { describe, expect, it } from 'vitest';
import { type Example, learn, split } from '../../src/links/learn/fit.js';
import { learnedSpecText } from '../../src/links/learn/write-spec.js';
import { parseLinkSpec } from '../../src/links/spec/parse.js';
import { prng } from '../helpers/prng.js';

const TEXT = `# Two names compared; the second one is what tells.
id: names
version: 2
source: { class: foaf:Person }
target: same
values:
  a: { path: foaf:name }
  b: { path: foaf:nick }
blocking:
  - { value: a, method: tokens }
compare:
  - { value: a, using: exact, weight: 3 }   # misleading on purpose
  - { value: b, using: exact, weight: 1 }
accept: 0.5
review: 0.4
`;
const spec = parseLinkSpec(TEXT, 'names.yaml');

/** Comparison a says little (random), b separates the labels with some noise. */
function examples(n: number, seed: number): Example[] {
  const next = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const label = (i % 2) as 0 | 1;
    return { label, scores: Float64Array.from([next(), label ? 0.6 + 0.4 * next() : 0.45 * next()]) };
  });
}

describe('link learn fitting', () => {
  it('splits per label with the seed: the same seed the same split, both parts with both labels', () => {
    const all = examples(100, 1);
    const one = split(all, 0.3, 5);
    expect(one.heldOut.length).toBe(30);
    expect(one.heldOut.filter((e) => e.label === 1).length).toBe(15);
    expect(split(all, 0.3, 5).heldOut).toEqual(one.heldOut);
    expect(split(all, 0.3, 6).heldOut).not.toEqual(one.heldOut);
  });

  it('moves the weight to the comparison that tells, and the held-out F1 rises', () => {
    const r = learn(spec, examples(300, 2), { seed: 13, holdout: 0.3 });
    expect(r.choice).toBe('learned');
    expect(r.weights[1]).toBeGreaterThan(r.weights[0] as number);
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 1);
    expect(r.after.heldOut.f1).toBeGreaterThan(r.before.heldOut.f1);
    expect(r.review).toBeCloseTo(Math.max(0, r.accept - 0.1), 3);
  });

  it('keeps the spec unchanged when nothing fits better', () => {
    // Labels by comparison a at the spec's own threshold: the spec is already right.
    const next = prng(3);
    const exact = Array.from({ length: 200 }, () => {
      const a = next();
      return { label: (a >= 0.5 ? 1 : 0) as 0 | 1, scores: Float64Array.from([a, a]) };
    });
    const r = learn(spec, exact, { seed: 13, holdout: 0.3 });
    expect(r.after.heldOut.f1).toBeGreaterThanOrEqual(r.before.heldOut.f1);
    expect(r.after.train.f1).toBe(1);
    expect(r.choice).toBe('unchanged');
    expect([r.accept, r.review]).toEqual([0.5, 0.4]);
  });

  it('writes the weights, thresholds and version into the spec text and keeps its comments', () => {
    const r = learn(spec, examples(300, 2), { seed: 13, holdout: 0.3 });
    const text = learnedSpecText(TEXT, spec, r, 'learned from 300 decisions');
    expect(text.startsWith('# learned from 300 decisions\n')).toBe(true);
    expect(text).toContain('# Two names compared; the second one is what tells.');
    expect(text).toContain('# misleading on purpose');
    const again = parseLinkSpec(text, 'names.learned.yaml');
    expect(again.compare.map((c) => c.weight)).toEqual(r.weights);
    expect([again.accept, again.review, again.version]).toEqual([r.accept, r.review, 3]);
  });
});
