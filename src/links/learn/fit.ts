/**
 * Fitting a spec's weights and thresholds to review decisions (`libkg link learn`): a seeded,
 * stratified split into training and held-out decisions; logistic regression over the comparison
 * scores gives the weights (negative ones become 0: the weighted mean only adds evidence); the
 * accept threshold is the one with the best F1 on the training decisions, and `review` keeps the
 * spec's distance below it. Of the learned spec, the spec's own weights with a fitted threshold,
 * and the spec as it is, the one with the best training F1 is kept: the held-out F1 is reported,
 * never used to choose.
 */

import { prng } from '../../prng.js';
import { aggregator } from '../engine/aggregate.js';
import type { LinkSpec } from '../engine/index.js';
import { fitLogistic } from './logistic.js';

export interface Example {
  scores: Float64Array;
  /** 1: accepted, 0: rejected. */
  label: 0 | 1;
}

export interface PairScores {
  precision: number;
  recall: number;
  f1: number;
}

export type Choice = 'learned' | 'threshold-only' | 'unchanged';

export interface LearnResult {
  weights: number[];
  accept: number;
  review: number;
  choice: Choice;
  train: number;
  heldOut: number;
  before: { train: PairScores; heldOut: PairScores };
  after: { train: PairScores; heldOut: PairScores };
}

function shuffled<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Held-out share of each label, so both parts see accepted and rejected decisions. */
export function split(examples: Example[], holdout: number, seed: number): { train: Example[]; heldOut: Example[] } {
  const next = prng(seed); // seeded: the same decisions and seed give the same split
  const train: Example[] = [];
  const heldOut: Example[] = [];
  for (const label of [1, 0]) {
    const part = shuffled(
      examples.filter((e) => e.label === label),
      next,
    );
    const cut = Math.round(part.length * holdout);
    heldOut.push(...part.slice(0, cut));
    train.push(...part.slice(cut));
  }
  return { train, heldOut };
}

export function pairF1(scored: { score: number; label: 0 | 1 }[], accept: number): PairScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { score, label } of scored) {
    const yes = score >= accept;
    if (yes && label) tp++;
    else if (yes) fp++;
    else if (label) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const scorer = (spec: LinkSpec, weights: number[]) =>
  aggregator(
    spec.aggregate,
    spec.compare.map((c, k) => ({ ...c, weight: weights[k] as number })),
  );

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The threshold with the best F1 on these examples: halfway between the lowest score let in and the next one below. */
function bestThreshold(scored: { score: number; label: 0 | 1 }[]): number {
  const cuts = [...new Set(scored.map((s) => s.score))].sort((a, b) => b - a);
  let best = { f1: -1, t: 1 };
  cuts.forEach((score, i) => {
    const t = round3(i + 1 < cuts.length ? (score + (cuts[i + 1] as number)) / 2 : score);
    const f1 = pairF1(scored, t).f1;
    if (f1 > best.f1) best = { f1, t };
  });
  return best.t;
}

/** Weights from the regression: negatives to 0, scaled to the spec's own total, two decimals. */
function learnedWeights(spec: LinkSpec, train: Example[]): number[] | undefined {
  const model = fitLogistic(
    train.map((e) => e.scores),
    train.map((e) => e.label),
  );
  const positive = model.coefficients.map((b) => Math.max(0, b));
  const sum = positive.reduce((a, b) => a + b, 0);
  if (!sum) return undefined;
  const total = spec.compare.reduce((a, c) => a + c.weight, 0) || spec.compare.length;
  return positive.map((w) => Math.round((w / sum) * total * 100) / 100);
}

export function learn(spec: LinkSpec, examples: Example[], opts: { seed: number; holdout: number }): LearnResult {
  const { train, heldOut } = split(examples, opts.holdout, opts.seed);
  const own = spec.compare.map((c) => c.weight);
  const on = (set: Example[], weights: number[]) => {
    const score = scorer(spec, weights);
    return set.map((e) => ({ score: score(e.scores), label: e.label }));
  };
  const candidates: { choice: Choice; weights: number[]; accept: number }[] = [];
  const fitted = learnedWeights(spec, train);
  if (fitted) candidates.push({ choice: 'learned', weights: fitted, accept: bestThreshold(on(train, fitted)) });
  candidates.push({ choice: 'threshold-only', weights: own, accept: bestThreshold(on(train, own)) });
  candidates.push({ choice: 'unchanged', weights: own, accept: spec.accept });
  // Ties keep the simpler change (later in the list).
  let chosen = candidates[0] as (typeof candidates)[number];
  let bestF1 = -1;
  for (const c of candidates) {
    const f1 = pairF1(on(train, c.weights), c.accept).f1;
    if (f1 > bestF1 + 1e-9 || (Math.abs(f1 - bestF1) <= 1e-9 && c.choice !== 'learned')) {
      chosen = c;
      bestF1 = f1;
    }
  }
  const gap = spec.accept - spec.review;
  return {
    weights: chosen.weights,
    accept: chosen.accept,
    review: chosen.choice === 'unchanged' ? spec.review : round3(Math.max(0, chosen.accept - gap)),
    choice: chosen.choice,
    train: train.length,
    heldOut: heldOut.length,
    before: { train: pairF1(on(train, own), spec.accept), heldOut: pairF1(on(heldOut, own), spec.accept) },
    after: { train: pairF1(on(train, chosen.weights), chosen.accept), heldOut: pairF1(on(heldOut, chosen.weights), chosen.accept) },
  };
}
