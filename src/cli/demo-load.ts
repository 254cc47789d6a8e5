/**
 * The demo load of `npm start` on an empty data dir: the fixtures imported, subject strings linked to
 * the imported thesauri, then the shipped link specs run (persons, works), so the first start shows
 * one joined graph. In its own file so tests run the very same steps.
 */
import { fileURLToPath } from 'node:url';
import { importPaths } from '../ingest/pipeline.js';
import { createIngest } from '../ingest/setup.js';
import { linkSubjects } from '../ingest/subjects.js';
import type { ImportSummary } from '../ingest/types.js';
import { linkDemo } from '../links/demo.js';
import type { QuadStore } from '../store/port.js';
import { formatSummary } from './import.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

interface DemoLog {
  info(obj: object | string, msg?: string): void;
  error(obj: object, msg: string): void;
}

/** Imports and links the demo data; `summaryLog` takes the record-by-record import summary. */
export async function loadDemo(
  store: QuadStore,
  opts: { baseIri: string; timeoutMs?: number },
  log: DemoLog,
  summaryLog: (text: string) => void = (text) => log.info(text),
): Promise<ImportSummary> {
  log.info({ dir: FIXTURES_DIR }, 'empty store: loading the demo data');
  const summary = await importPaths(store, [FIXTURES_DIR], { baseIri: opts.baseIri, ...(await createIngest({ baseIri: opts.baseIri })) });
  store.setMetadata('demo-loaded', new Date().toISOString());
  summaryLog(formatSummary(summary));
  // Subject strings of the records meet the imported thesauri once both are in.
  log.info(await linkSubjects(store, { baseIri: opts.baseIri }), 'linked subject concepts to thesauri');
  // One graph instead of islands: the shipped link specs join persons and works across sources (mappings/links/).
  await linkDemo(store, opts.baseIri, log, opts.timeoutMs);
  return summary;
}
