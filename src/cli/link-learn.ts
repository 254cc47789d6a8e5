/**
 * `libkg link learn <spec>`: fits the spec's weights and thresholds to the review decisions made so
 * far (src/links/learn/), prints the F1 before and after on the held-out decisions, and writes the
 * learned spec next to the original (`<id>.learned.yaml`), or over it with `--write`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Config } from '../config.js';
import { LibkgError } from '../errors.js';
import type { PairScores } from '../links/learn/fit.js';
import { learnFromDecisions } from '../links/learn/index.js';
import { learnedSpecText } from '../links/learn/write-spec.js';
import { loadLinkSpec } from '../links/spec-file.js';
import { openStore } from './open-store.js';

export interface LearnOptions {
  seed: number;
  holdout: number;
  /** Replace the spec file instead of writing `<id>.learned.yaml` beside it. */
  write: boolean;
  /** Write the learned spec here instead. */
  out?: string;
}

const f = (s: PairScores) => `precision=${s.precision.toFixed(4)} recall=${s.recall.toFixed(4)} f1=${s.f1.toFixed(4)}`;

export function learnOptions(values: Record<string, unknown>): LearnOptions {
  const number = (name: string, fallback: number, ok: (n: number) => boolean) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!ok(n)) throw new LibkgError('USAGE', `--${name}: not valid: "${String(raw)}"`);
    return n;
  };
  return {
    seed: number('seed', 13, Number.isInteger),
    holdout: number('holdout', 0.3, (n) => n > 0 && n < 1),
    write: values.write === true,
    out: values.out as string | undefined,
  };
}

export async function linkLearn(config: Config, specArg: string, opts: LearnOptions): Promise<number> {
  const { spec, file } = loadLinkSpec(specArg);
  const store = await openStore(config, 1);
  try {
    const r = await learnFromDecisions(store, spec, {
      baseIri: config.baseIri,
      origin: file,
      seed: opts.seed,
      holdout: opts.holdout,
      timeoutMs: config.queryTimeoutMs,
    });
    const weights = spec.compare.map((c, k) => `${c.name} ${c.weight}→${r.weights[k]}`).join(', ');
    const note = `learned by libkg link learn from ${r.train + r.heldOut} decisions (seed ${opts.seed}, ${r.heldOut} held out): held-out F1 ${r.before.heldOut.f1.toFixed(4)} → ${r.after.heldOut.f1.toFixed(4)} (${r.choice})`;
    const target = opts.out ?? (opts.write ? file : file.replace(/\.yaml$/, '.learned.yaml'));
    writeFileSync(target, learnedSpecText(readFileSync(file, 'utf8'), spec, r, note));
    console.log(
      `${spec.id}: ${r.decisions} decisions (${r.skipped} on entities no longer selected), ${r.train} to fit, ${r.heldOut} held out (seed ${opts.seed})`,
    );
    console.log(`kept: ${r.choice}; weights ${weights}; accept ${spec.accept}→${r.accept}, review ${spec.review}→${r.review} → ${target}`);
    console.log(`train before: ${f(r.before.train)}  after: ${f(r.after.train)}`);
    console.log(`held-out before: ${f(r.before.heldOut)}`);
    console.log(`held-out after: ${f(r.after.heldOut)}`);
    return 0;
  } finally {
    await store.close();
  }
}
