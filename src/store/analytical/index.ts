/**
 * The analytical path's entry points: the backend the serving store uses (LIBKG_ANALYTICAL), and a
 * stand-alone answerer over given quads for tests that compare engine paths (differential, W3C suite).
 */
import type * as RDF from '@rdfjs/types';
import type { Logger } from 'pino';
import { quadToLine } from '../../rdf/nquads.js';
import type { QueryBackend } from '../backend.js';
import { EnginePool } from '../engines.js';
import { answer } from './answer.js';
import { AnalyticalBackend, type AnalyticalMode } from './backend.js';
import { AnalyticalCopy } from './copy.js';
import type { TranslateOptions } from './translate.js';

export { AnalyticalBackend, type AnalyticalMode } from './backend.js';
export { Unsupported } from './unsupported.js';

export interface AnalyticalSettings {
  /** LIBKG_ANALYTICAL: off, auto or force (the settings table checked it). */
  analytical: string;
  /** LIBKG_ANALYTICAL_MIN_ROWS. */
  analyticalMinRows: number;
  engineNice?: number;
}

/** The query backend of a serving store: Oxigraph engines, with the analytical path in front unless it is off. */
export function queryBackendFor(settings: AnalyticalSettings, engines: number, log?: Logger): ((dbPath: string) => QueryBackend) | undefined {
  const mode = settings.analytical as AnalyticalMode;
  if ((mode !== 'auto' && mode !== 'force') || engines <= 0) return undefined;
  return (dbPath) =>
    new AnalyticalBackend(new EnginePool(dbPath, engines, log, settings.engineNice), dbPath, { mode, minRows: settings.analyticalMinRows, log });
}

/**
 * Answers SELECT/ASK queries over the given quads on the analytical path alone, as SPARQL JSON, with
 * the union of all graphs as the default graph; a query it cannot answer exactly rejects with `Unsupported`.
 */
export interface AnalyticalAnswerer {
  answer(text: string, options?: TranslateOptions): Promise<string>;
  close(): void;
}

export async function analyticalAnswerer(quads: RDF.Quad[] | string[]): Promise<AnalyticalAnswerer> {
  const copy = await AnalyticalCopy.create();
  const lines = quads.map((q) => (typeof q === 'string' ? q : quadToLine(q)));
  await copy.addLines(lines);
  return { answer: (text, options) => answer(copy, text, options), close: () => copy.close() };
}
