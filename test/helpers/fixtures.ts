import { fileURLToPath } from 'node:url';
import { importPaths } from '../../src/ingest/pipeline.js';
import { createIngest } from '../../src/ingest/setup.js';
import type { ImportSummary } from '../../src/ingest/types.js';
import type { QuadStore } from '../../src/store/port.js';

/** Absolute path of a file under fixtures/. */
export const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));

/** Imports fixture files through the real readers, mappings and shapes. */
export async function importFixtures(store: QuadStore, baseIri: string, paths: string[]): Promise<ImportSummary> {
  return importPaths(store, paths.map(fixture), { baseIri, ...(await createIngest({ baseIri })) });
}
