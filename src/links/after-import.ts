/**
 * The shipped link specs as steps `libkg import` runs after it wrote something (src/cli/after-import.ts),
 * so that new records join the persons and works clusters without a separate `libkg link run`.
 * Shaped like the import's AfterImportStep (src/jobs/import-job.ts), not typed by it: jobs/ imports links/.
 */
import type { QuadStore } from '../store/port.js';
import { runLinkSpec } from './run.js';
import { listLinkSpecs, loadLinkSpec } from './spec-file.js';

export interface LinkStepOutcome {
  sources: number;
  targets: number;
  accepted: number;
  review: number;
  written: boolean;
  /** incremental: only entities changed since the spec's last run were compared again. */
  mode: 'full' | 'incremental';
  compared: number;
}

/** One step per shipped spec; a run that finds nothing writes no empty link graph. */
export function linkSpecSteps(timeoutMs?: number) {
  return listLinkSpecs().map((id) => ({
    name: `links/${id}`,
    async run(store: QuadStore, baseIri: string): Promise<LinkStepOutcome> {
      const { spec, file } = loadLinkSpec(id);
      const r = await runLinkSpec(store, spec, { baseIri, origin: file, timeoutMs, writeEmpty: false });
      const { sources, targets, accepted, review, written, mode } = r;
      return { sources, targets, accepted, review, written, mode, compared: r.result.stats.compared };
    },
  }));
}
