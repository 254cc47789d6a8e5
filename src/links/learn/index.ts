/** `libkg link learn`: the decisions made so far on a spec, scored as a run scores pairs, fitted (fit.ts). */
import { LibkgError } from '../../errors.js';
import type { QuadStore } from '../../store/port.js';
import type { LinkSpec } from '../engine/index.js';
import { selectSides } from '../run.js';
import { pairScores } from './features.js';
import { type Example, type LearnResult, learn } from './fit.js';

/** Fewer decisions of either kind than this give no split worth reporting. */
export const MIN_DECISIONS_PER_LABEL = 5;

export interface LearnRun extends LearnResult {
  decisions: number;
  /** Decisions on entities the spec no longer selects (a deleted record). */
  skipped: number;
}

export async function learnFromDecisions(
  store: QuadStore,
  spec: LinkSpec,
  opts: { baseIri: string; origin: string; seed: number; holdout: number; timeoutMs?: number },
): Promise<LearnRun> {
  // In pair order, not in the order they were made: the same decisions and seed give the same split.
  const pairKey = (d: { source: string; target: string }) => (d.source < d.target ? `${d.source}\0${d.target}` : `${d.target}\0${d.source}`);
  const decisions = store.linkDecisions.list(spec.id).sort((x, y) => (pairKey(x) < pairKey(y) ? -1 : 1));
  const { sources, targets } = await selectSides(store, spec, opts);
  const scores = pairScores(spec, sources, targets, decisions);
  const examples: Example[] = [];
  scores.forEach((s, i) => {
    if (s) examples.push({ scores: s, label: decisions[i]?.decision === 'accept' ? 1 : 0 });
  });
  for (const label of [1, 0]) {
    const n = examples.filter((e) => e.label === label).length;
    if (n < MIN_DECISIONS_PER_LABEL)
      throw new LibkgError(
        'BAD_REQUEST',
        `link spec "${spec.id}" has ${n} ${label ? 'accepted' : 'rejected'} decisions on entities it selects; learning needs at least ${MIN_DECISIONS_PER_LABEL} of each (review links first: /links/review?spec=${spec.id})`,
      );
  }
  return { ...learn(spec, examples, opts), decisions: decisions.length, skipped: decisions.length - examples.length };
}
