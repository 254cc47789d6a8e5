import type { Config } from '../config.js';
import { AFTER_IMPORT_STEPS, type AfterImportStep } from '../jobs/import-job.js';
import { linkSpecSteps } from '../links/after-import.js';
import { openStore } from './open-store.js';

export interface StepOutcome {
  step: string;
  result?: unknown;
  /** Set when the step failed: the records stay written, as after an HTTP import. */
  error?: string;
}

/** The HTTP import's steps, then the shipped link specs (persons, works, …) over what is now stored. */
const cliSteps = (config: Config): AfterImportStep[] => [...AFTER_IMPORT_STEPS, ...linkSpecSteps(config.queryTimeoutMs)];

/**
 * Runs the steps an HTTP import runs after its writes (subject linking, …) and the link specs.
 * They query the store, and `libkg import` opens the journal only, so this
 * opens it again with one engine (a rebuild from the journal) once the import
 * is committed and closed. Always the embedded engine: a remote SPARQL store
 * catches up at the server's next start, as after any journal-only command.
 */
export async function runAfterImport(config: Config, steps: AfterImportStep[] = cliSteps(config)): Promise<StepOutcome[]> {
  const store = await openStore({ ...config, remoteSparql: '' }, 1);
  try {
    const outcomes: StepOutcome[] = [];
    for (const step of steps) {
      try {
        outcomes.push({ step: step.name, result: await step.run(store, config.baseIri) });
      } catch (e) {
        const err = e as Error & { code?: unknown };
        outcomes.push({ step: step.name, error: `${typeof err.code === 'string' ? `${err.code}: ` : ''}${err.message}` });
      }
    }
    return outcomes;
  } finally {
    await store.close();
  }
}
