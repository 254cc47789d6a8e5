/**
 * The MARC record an import kept beside a catalog graph (`SourceRecord.original`), read back for
 * re-export (OAI-PMH marcxml): ISO 2709 bytes from ISO 2709 files, the reader's JSON otherwise
 * (MARCXML files, and stores written before the bytes were kept).
 */
import { ISO2709_ORIGINAL, type MarcData, parseIso2709Record } from './marc-iso2709.js';

/** The record kept for a graph mapped with `mapping`, or undefined when it was kept for another mapping or cannot be read. */
export function marcOriginal(original: { format: string; body: string }, mapping = 'marc21'): MarcData | undefined {
  if (original.format === mapping) return JSON.parse(original.body) as MarcData;
  if (original.format !== mapping + ISO2709_ORIGINAL) return undefined;
  const data = parseIso2709Record(Buffer.from(original.body, 'latin1'));
  return typeof data === 'string' ? undefined : data;
}
