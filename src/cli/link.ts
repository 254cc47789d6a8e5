import { readFileSync, writeFileSync } from 'node:fs';
import { LibkgError } from '../errors.js';
import { idPairs, pairsCsv, readTruth, score } from '../links/evaluate.js';
import { type LinkProgress, type LinkRunResult, runLinkSpec } from '../links/run.js';
import { listLinkSpecs, loadLinkSpec } from '../links/spec-file.js';
import { baseIriGiven, settledBaseIri } from './base-iri.js';
import { linkExport } from './link-export.js';
import { learnOptions, linkLearn } from './link-learn.js';
import { openStore } from './open-store.js';
import { configFrom, parse, STORE_HELP, STORE_OPTIONS } from './options.js';
import { progressBar } from './progress.js';

const USAGE = `Usage: libkg link <run|eval|list|export|learn> [options]

Link discovery with the specs in mappings/links/ (format: docs/link-spec-format.md).

  libkg link list                  the shipped specs, and the links each holds in the data dir
  libkg link run <spec>...         run specs (an id of mappings/links/ or a .yaml file); each
                                   replaces its link graph {base}graph/links/<id> when it ends;
                                   only records changed since the spec's last run are compared
                                   again, unless --full
  libkg link eval <spec> --truth <pairs.csv> [--pairs <out.csv>]
                                   run a spec without writing and score it against a ground
                                   truth of source-record id pairs (a CSV with a header row);
                                   the last line is: precision=P recall=R f1=F pairs=N seconds=S
                                   --pairs writes the links found as id1,id2,score
  libkg link export <spec> --truth <out.csv>
                                   the review decisions' accepted pairs as a truth file for
                                   eval: header id1,id2, the records' ids (rejected pairs are
                                   not written: eval counts every row as a true pair)
  libkg link learn <spec> [--seed N] [--holdout F] [--write | --out FILE]
                                   fit the spec's weights and thresholds to the review decisions
                                   (logistic regression, a seeded held-out share, 0.3); prints the
                                   F1 before and after on the held-out decisions and writes
                                   <spec>.learned.yaml beside the spec (--write: over it)

The data dir must not be in use by a running server (there: POST /jobs {"kind":"link","spec":…}).

Options:
  --truth FILE         ground-truth pairs (eval)
  --pairs FILE         where eval writes the links it found
  --seed N             learn: the split's seed (13)
  --holdout F          learn: share of decisions held out, 0-1 (0.3)
  --write              learn: replace the spec file
  --out FILE           learn: where to write the learned spec
  --full               run: compare every candidate pair, not only those of changed records
${STORE_HELP}`;

const LEARN_OPTIONS = {
  seed: { type: 'string' },
  holdout: { type: 'string' },
  write: { type: 'boolean' },
  out: { type: 'string' },
} as const;

/** Plain progress lines when stderr is not a terminal: one per phase and one per 10 % compared. */
function progressLines(name: string): (p: LinkProgress) => void {
  let phase = '';
  let tenth = -1;
  return (p) => {
    const t = p.total ? Math.floor((p.done / p.total) * 10) : 0;
    if (p.phase === phase && (p.phase !== 'comparing' || t === tenth)) return;
    phase = p.phase;
    tenth = t;
    console.error(`link ${name}: ${p.phase}${p.total ? ` ${p.done}/${p.total} pairs (${t * 10} %)` : ''}`);
  };
}

function reporter(name: string): { onProgress: (p: LinkProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { onProgress: progressLines(name), stop() {} };
  const bar = progressBar('pairs');
  return { onProgress: (p) => bar.update(p.done, p.total, `${name}: ${p.phase}`), stop: () => bar.stop() };
}

const summary = (r: LinkRunResult) =>
  `${r.specId}: ${r.sources} sources, ${r.targets} targets, ${r.result.stats.compared} pairs compared, ` +
  `${r.accepted} accepted, ${r.review} to review in ${r.seconds.toFixed(1)} s → ${r.graph}` +
  (r.mode === 'incremental' ? ` (incremental: ${r.changed} changed entities)` : r.fullBecause ? ` (full run: ${r.fullBecause})` : '');

export async function linkCommand(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(
    rest,
    { ...STORE_OPTIONS, ...LEARN_OPTIONS, truth: { type: 'string' }, pairs: { type: 'string' }, full: { type: 'boolean' } },
    true,
    USAGE,
  );
  if (values.help || verb === '--help' || verb === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (verb === 'list') {
    const config = await settledBaseIri(configFrom(values), baseIriGiven(values));
    const store = await openStore(config);
    try {
      for (const id of listLinkSpecs()) {
        const { spec } = loadLinkSpec(id);
        const info = store.graphInfo(`${config.baseIri}graph/links/${id}`);
        const held = info && !info.deletedAt ? `${info.quads} quads, run ${info.updatedAt}` : 'not run';
        console.log(`${id}\tv${spec.version}\t${spec.label ?? ''}\t(${held})`);
      }
    } finally {
      await store.close();
    }
    return 0;
  }
  if (verb === 'export' || verb === 'learn') {
    if (positionals.length !== 1 || (verb === 'export' && !values.truth))
      throw new LibkgError('USAGE', `link ${verb} takes one spec${verb === 'export' ? ' and --truth FILE' : ''}\n\n${USAGE}`);
    const config = await settledBaseIri(configFrom(values), baseIriGiven(values));
    const specId = positionals[0] as string;
    return verb === 'export' ? linkExport(config, loadLinkSpec(specId).spec.id, values.truth as string) : linkLearn(config, specId, learnOptions(values));
  }
  if (verb !== 'run' && verb !== 'eval') throw new LibkgError('USAGE', `unknown link command "${verb ?? ''}"\n\n${USAGE}`);
  if (!positionals.length) throw new LibkgError('USAGE', `name a link spec (${listLinkSpecs().join(', ')})\n\n${USAGE}`);
  if (verb === 'eval' && (positionals.length > 1 || !values.truth)) throw new LibkgError('USAGE', `link eval takes one spec and --truth FILE\n\n${USAGE}`);
  // Every spec is read before anything runs: a broken one stops the command at once.
  const specs = positionals.map((p) => loadLinkSpec(p));
  const truth = verb === 'eval' ? readTruth(readFileSync(values.truth as string, 'utf8'), values.truth as string) : undefined;
  const config = await settledBaseIri(configFrom(values), baseIriGiven(values));
  const store = await openStore(config, 1);
  try {
    for (const { spec, file } of specs) {
      const progress = reporter(spec.id);
      const result = await runLinkSpec(store, spec, {
        baseIri: config.baseIri,
        origin: file,
        onProgress: progress.onProgress,
        timeoutMs: config.queryTimeoutMs,
        withIds: !!truth,
        write: !truth,
        full: values.full === true,
      }).finally(progress.stop);
      console.log(summary(result));
      if (!truth) continue;
      const found = idPairs(result.result.pairs, result.ids, result.groups, truth.firstIds);
      if (found.withoutId) console.error(`link eval: ${found.withoutId} links between entities without an id (dct:identifier) left out`);
      if (values.pairs) writeFileSync(values.pairs as string, pairsCsv(found.pairs));
      const s = score(found.pairs, truth.pairs);
      console.log(
        `precision=${s.precision.toFixed(4)} recall=${s.recall.toFixed(4)} f1=${s.f1.toFixed(4)} pairs=${s.pairs} seconds=${result.seconds.toFixed(1)}`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
