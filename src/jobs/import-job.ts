import { statSync } from 'node:fs';
import { type ErrorCode, errorCodeOf, LibkgError } from '../errors.js';
import { emptySummary, expandPaths, type ImportTarget, importFile } from '../ingest/pipeline.js';
import { createIngest } from '../ingest/setup.js';
import { linkSubjects } from '../ingest/subjects.js';
import type { ImportSummary } from '../ingest/types.js';
import type { QuadStore } from '../store/port.js';
import type { JobProgress } from './jobs.js';

/** A step after the writes (subject linking, …): its failure is a warning, never the import's failure. */
export interface AfterImportStep {
  name: string;
  run(store: QuadStore, baseIri: string): Promise<unknown>;
}

export const AFTER_IMPORT_STEPS: AfterImportStep[] = [{ name: 'subjectLinks', run: (store, baseIri) => linkSubjects(store, { baseIri }) }];

export interface ImportJobInput {
  /** The uploaded file on disk (its name drives format detection). */
  file: string;
  /** The name reported in rejections (the upload's name, not the path in the data dir). */
  name: string;
  format?: string;
  strict: boolean;
  baseIri: string;
  maxInflatedBytes: number;
  maxTokenBytes: number;
}

export interface ImportJobResult extends ImportSummary {
  /** Post-write steps that failed: the records are written all the same. */
  warnings?: { step: string; code: ErrorCode; detail: string }[];
  /** Each post-write step's own outcome, under its name. */
  [step: string]: unknown;
}

/** Mappings and shapes, compiled once per base IRI; a failed set-up (bad mapping file) is tried again next time. */
const ingests = new Map<string, ReturnType<typeof createIngest>>();
function ingestFor(baseIri: string): ReturnType<typeof createIngest> {
  let ingest = ingests.get(baseIri);
  if (!ingest) {
    ingest = createIngest({ baseIri }).catch((e) => {
      ingests.delete(baseIri);
      throw e;
    });
    ingests.set(baseIri, ingest);
  }
  return ingest;
}

/** Reads the upload into `target` (the store, or the worker's proxy of it): the pipeline part of an import. */
export async function importUpload(
  target: ImportTarget,
  input: ImportJobInput,
  progress: (p: Partial<JobProgress>) => void,
  signal: AbortSignal,
  summary = emptySummary() as ImportJobResult,
): Promise<ImportJobResult> {
  const named = () => {
    for (const r of summary.rejections) r.file = input.name;
  };
  try {
    const { mapper, validator } = await ingestFor(input.baseIri);
    for (const path of expandPaths([input.file])) {
      await importFile(
        target,
        path,
        {
          baseIri: input.baseIri,
          format: input.format,
          mapper,
          validator,
          signal,
          maxInflatedBytes: input.maxInflatedBytes,
          maxTokenBytes: input.maxTokenBytes,
          // Each write runs on the HTTP thread: small chunks keep each one short.
          rdfChunkQuads: 5_000,
          onProgress: (p) => progress({ done: p.bytes, total: p.totalBytes, message: `${p.records} records` }),
        },
        summary,
      );
    }
  } catch (e) {
    named();
    throw Object.assign(e as Error, { summary });
  }
  named();
  const size = statSync(input.file).size;
  progress({ done: size, total: size });
  return summary;
}

/** The steps after the writes, on the store's thread; their failures become warnings. Then `strict`. */
export async function finishImport(
  store: QuadStore,
  summary: ImportJobResult,
  input: ImportJobInput,
  signal: AbortSignal,
  steps: AfterImportStep[] = AFTER_IMPORT_STEPS,
): Promise<ImportJobResult> {
  if (summary.written) {
    for (const step of steps) {
      if (signal.aborted) break;
      try {
        summary[step.name] = await step.run(store, input.baseIri);
      } catch (e) {
        (summary.warnings ??= []).push({ step: step.name, code: errorCodeOf(e), detail: (e as Error).message });
      }
    }
  }
  if (input.strict && summary.rejected) throw Object.assign(new LibkgError('RECORD_REJECTED', `${summary.rejected} record(s) rejected`), { summary });
  return summary;
}

/**
 * One import on the calling thread: the file through the pipeline, then the post-write steps. The
 * summary is the job's result whatever happens: attached to the error when the import fails or is cancelled.
 */
export async function runImportJob(
  store: QuadStore,
  input: ImportJobInput,
  progress: (p: Partial<JobProgress>) => void,
  signal: AbortSignal,
  steps: AfterImportStep[] = AFTER_IMPORT_STEPS,
): Promise<ImportJobResult> {
  return finishImport(store, await importUpload(store, input, progress, signal), input, signal, steps);
}
