/**
 * One run of a link spec: select the entities through the store (queries run in the engines),
 * match them in a worker thread (match-worker.ts) so that HTTP serving never waits on the
 * comparisons, then replace the spec's link graph in one write (results.ts). Cancelling stops the
 * worker before anything is written: the previous links stay as they were.
 */
import { LibkgError } from '../errors.js';
import { assertIri } from '../rdf/iri.js';
import type { QuadStore } from '../store/port.js';
import { expandCurie } from '../vocab.js';
import { spawnWorker } from '../workers/spawn-worker.js';
import { applyDecisions } from './decisions.js';
import type { LinkEntity, LinkSpec, MatchResult } from './engine/index.js';
import { dropSelfFromCoauthors, selectionPaths } from './evidence.js';
import { mergePairs, type Plan, planRun } from './incremental.js';
import type { MatchMessage, MatchRequest } from './match-worker.js';
import { linkGraphIri, linkGraphQuads } from './results.js';
import { selectEntities } from './select.js';

export interface LinkProgress {
  phase: 'selecting' | 'comparing' | 'writing';
  /** Pairs compared so far and in all (comparing); 0/0 before. */
  done: number;
  total: number;
}

export interface LinkRunOptions {
  baseIri: string;
  /** Where messages say the spec came from (its file). */
  origin?: string;
  onProgress?: (p: LinkProgress) => void;
  signal?: AbortSignal;
  /** Per selection query. */
  timeoutMs?: number;
  /** Read the entities' ids too (link eval). */
  withIds?: boolean;
  /** Compare without writing the link graph (link eval --dry-run). */
  write?: boolean;
  /** false: a run that finds no link writes no link graph unless one exists (after an import: no empty graphs). */
  writeEmpty?: boolean;
  /** Compare every candidate pair, not only those of entities changed since the last run (incremental.ts). */
  full?: boolean;
}

export interface LinkRunResult {
  specId: string;
  graph: string;
  sources: number;
  targets: number;
  accepted: number;
  review: number;
  result: MatchResult;
  /** Entity IRI → id (with `withIds`). */
  ids: Map<string, string>;
  /** Entity IRI → graph group (spec `pairs: across-graphs`). */
  groups: Map<string, string>;
  /** Whether the link graph was replaced. */
  written: boolean;
  seconds: number;
  /** incremental: only pairs with an entity changed since the last run were compared (`changed` of them). */
  mode: 'full' | 'incremental';
  /** Why a run that was not asked to be full was (no earlier run, a deleted graph, …). */
  fullBecause?: string;
  changed?: number;
}

const cancelled = (signal: AbortSignal) => (signal.reason instanceof Error ? signal.reason : new LibkgError('JOB_CANCELLED', 'cancelled'));

/** Matches in a worker thread; the signal terminates it. */
export function matchOffThread(req: MatchRequest, onProgress: (done: number, total: number) => void, signal?: AbortSignal): Promise<MatchResult> {
  if (signal?.aborted) return Promise.reject(cancelled(signal));
  const worker = spawnWorker(import.meta.url, './match-worker');
  let stop = () => {};
  return new Promise<MatchResult>((resolve, reject) => {
    stop = () => {
      void worker.terminate();
      reject(cancelled(signal as AbortSignal));
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.on('message', (m: MatchMessage) => {
      if (m.t === 'progress') return onProgress(m.done, m.total);
      if (m.t === 'done') resolve(m.result);
      else reject(new LibkgError('INTERNAL', `link matching failed: ${m.message}`));
    });
    worker.on('error', (e) => reject(new LibkgError('INTERNAL', `the link worker failed: ${e.message}`)));
    worker.on('exit', (code) => reject(new LibkgError('INTERNAL', `the link worker stopped (exit code ${code})`)));
    worker.postMessage(req);
  }).finally(() => {
    signal?.removeEventListener('abort', stop);
    void worker.terminate();
  });
}

function linkPredicate(spec: LinkSpec, origin: string): string {
  try {
    const iri = expandCurie(spec.link, spec.prefixes);
    assertIri(iri, 'link');
    return iri;
  } catch (e) {
    throw new LibkgError('LINK_SPEC_INVALID', `${origin}: link: ${(e as Error).message}`, { key: 'link' });
  }
}

const liveGraph = (store: QuadStore, graph: string) => {
  const info = store.graphInfo(graph);
  return info !== undefined && !info.deletedAt;
};

const selectedIris = (sources: LinkEntity[], targets: LinkEntity[] | 'same') => new Set([...sources, ...(targets === 'same' ? [] : targets)].map((e) => e.iri));

/** The entities a run compares, with the values the spec reads. */
export async function selectSides(
  store: QuadStore,
  spec: LinkSpec,
  opts: { baseIri: string; origin: string; withIds?: boolean; timeoutMs?: number },
): Promise<{ sources: LinkEntity[]; targets: LinkEntity[] | 'same' }> {
  const select = {
    paths: selectionPaths(spec),
    prefixes: spec.prefixes,
    baseIri: opts.baseIri,
    origin: opts.origin,
    withIds: opts.withIds,
    withGroups: spec.pairs === 'across-graphs',
    timeoutMs: opts.timeoutMs,
  };
  const sources = await selectEntities(store, spec.source, select);
  const targets: LinkEntity[] | 'same' = spec.target === 'same' ? 'same' : await selectEntities(store, spec.target, select);
  for (const side of [sources, targets === 'same' ? [] : targets]) dropSelfFromCoauthors(side);
  return { sources, targets };
}

export async function runLinkSpec(store: QuadStore, spec: LinkSpec, opts: LinkRunOptions): Promise<LinkRunResult> {
  const origin = opts.origin ?? `link spec ${spec.id}`;
  const startedAt = new Date();
  const predicate = linkPredicate(spec, origin);
  const progress = (p: LinkProgress) => opts.onProgress?.(p);
  progress({ phase: 'selecting', done: 0, total: 0 });
  const graph = linkGraphIri(opts.baseIri, spec.id);
  // Read before selecting: a change committed while selection runs is compared again next time, never missed.
  const upToChange = store.stats().lastSeq;
  const plan: Plan =
    opts.full || opts.write === false ? { mode: 'full', because: 'asked for' } : await planRun(store, spec, graph, linkGraphIri(opts.baseIri, ''));
  const { sources, targets } = await selectSides(store, spec, { ...opts, origin });
  if (opts.signal?.aborted) throw cancelled(opts.signal);
  // The worker prepares and blocks before its first count of pairs: that is comparing too (and cancellable).
  progress({ phase: 'comparing', done: 0, total: 0 });
  const focus = plan.mode === 'incremental' ? [...plan.changed] : undefined;
  const result = await matchOffThread({ spec, sources, targets, focus }, (done, total) => progress({ phase: 'comparing', done, total }), opts.signal);
  const selected = selectedIris(sources, targets);
  if (plan.mode === 'incremental') result.pairs = mergePairs(plan.previous.pairs, result.pairs, plan.changed, selected);
  // Reviewers' decisions win over the scores (an eval scores the spec alone).
  const pairs = opts.write === false ? result.pairs : applyDecisions(result.pairs, store.linkDecisions.list(spec.id), (iri) => selected.has(iri));
  const nothingToReplace = !pairs.length && opts.writeEmpty === false && !liveGraph(store, graph);
  const written = opts.write !== false && !nothingToReplace;
  if (written) {
    progress({ phase: 'writing', done: result.stats.compared, total: result.stats.compared });
    if (opts.signal?.aborted) throw cancelled(opts.signal);
    const run = { specId: spec.id, specVersion: spec.version, predicate, startedAt, endedAt: new Date(), upToChange, mode: plan.mode };
    const quads = linkGraphQuads(opts.baseIri, run, { ...result, pairs });
    await store.putGraphs([{ graph, quads, source: `links/${spec.id}` }]);
  }
  const ids = new Map<string, string>();
  const groups = new Map<string, string>();
  for (const e of [...sources, ...(targets === 'same' ? [] : targets)]) {
    if (e.id !== undefined) ids.set(e.iri, e.id);
    if (e.group !== undefined) groups.set(e.iri, e.group);
  }
  const accepted = pairs.filter((p) => p.status === 'accepted').length;
  return {
    specId: spec.id,
    graph,
    sources: sources.length,
    targets: targets === 'same' ? sources.length : targets.length,
    accepted,
    review: pairs.filter((p) => p.status === 'review').length,
    result,
    ids,
    groups,
    written,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    mode: plan.mode,
    ...(plan.mode === 'incremental' ? { changed: [...selected].filter((e) => plan.changed.has(e)).length } : {}),
    ...(plan.mode === 'full' && !opts.full && opts.write !== false ? { fullBecause: plan.because } : {}),
  };
}
