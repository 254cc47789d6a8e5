/**
 * A link discovery run as a job (`POST /jobs {"kind":"link","spec":"persons"}`): progress in pairs
 * compared out of the candidate pairs, with percent and an estimate of the time left; cancelling
 * stops the matching worker before the link graph is written (the previous links stay).
 */
import { runLinkSpec } from '../links/run.js';
import { loadLinkSpec } from '../links/spec-file.js';
import type { QuadStore } from '../store/port.js';
import type { Job, JobQueue, JobWork } from './jobs.js';

export interface LinkJobOptions {
  store: QuadStore;
  baseIri: string;
  /** Per selection query. */
  timeoutMs?: number;
  /** Where the spec ids are found (default: the shipped mappings/links/). */
  specsDir?: string;
  /** Compare every pair, not only those of entities changed since the spec's last run. */
  full?: boolean;
}

/** Reads the spec first, so a broken or unknown one is refused (LINK_SPEC_INVALID, NOT_FOUND) before a job exists. */
export function submitLinkJob(jobs: JobQueue, specId: string, opts: LinkJobOptions): Job {
  const { spec } = loadLinkSpec(specId, opts.specsDir);
  const work = linkJobWork(specId, opts);
  const full = opts.full === true;
  return jobs.submit('link', { spec: spec.id, version: spec.version, full }, 'pairs', work.run, undefined, { spec: specId, full });
}

/** A link run's work; also how a link job still queued at a restart starts again (the spec is read anew). */
export function linkJobWork(specId: string, opts: LinkJobOptions): JobWork {
  const { spec, file } = loadLinkSpec(specId, opts.specsDir);
  return {
    async run(progress, signal) {
      let comparingSince = 0;
      const r = await runLinkSpec(opts.store, spec, {
        baseIri: opts.baseIri,
        origin: file,
        signal,
        timeoutMs: opts.timeoutMs,
        full: opts.full,
        onProgress: ({ phase, done, total }) => {
          if (phase === 'comparing' && !comparingSince) comparingSince = Date.now();
          const percent = total ? Math.round((done / total) * 1000) / 10 : 0;
          const elapsed = (Date.now() - comparingSince) / 1000;
          const etaSeconds = phase === 'comparing' && done > 0 ? Math.round((elapsed * (total - done)) / done) : undefined;
          progress({ done, total, percent, etaSeconds, message: phase });
        },
      });
      // Done, also when an incremental run had no pair to compare (0 of 0).
      progress({ done: r.result.stats.compared, total: r.result.stats.compared, percent: 100, etaSeconds: 0 });
      return {
        graph: r.graph,
        sources: r.sources,
        targets: r.targets,
        candidates: r.result.stats.candidates,
        compared: r.result.stats.compared,
        accepted: r.accepted,
        review: r.review,
        seconds: r.seconds,
        mode: r.mode,
        ...(r.changed !== undefined && { changed: r.changed }),
        ...(r.fullBecause !== undefined && { fullBecause: r.fullBecause }),
      };
    },
  };
}
