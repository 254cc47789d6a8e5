import type { Reader } from '../types.js';
import { counterReader, counterTabularReader } from './counter.js';
import { dataciteReader } from './datacite.js';
import { iso2709Reader } from './marc-iso2709.js';
import { marcxmlReader } from './marcxml.js';
import { orcidReader } from './orcid.js';
import { patentReader } from './patent.js';
import { rdfReader } from './rdf.js';
import { skosReader } from './skos.js';
import { tableReader } from './table.js';
import { usageEventsReader } from './usage-events.js';

/**
 * Every source-format reader, tried in order by `detect`. A new format is a
 * reader here plus a mapping file in mappings/.
 */
export const READERS: Reader[] = [
  patentReader,
  iso2709Reader,
  marcxmlReader,
  orcidReader,
  dataciteReader,
  skosReader,
  counterReader,
  // Before usageEventsReader: both take .csv/.tsv; a COUNTER table starts with Report_Name.
  counterTabularReader,
  usageEventsReader,
  rdfReader,
  // Never detected: only with --mapping (or --format table).
  tableReader,
];

/** The names `--format` (and the import API's `format`) accept. */
export const FORMATS: string[] = READERS.map((r) => r.format);

export function readerFor(fileName: string, head: Buffer, format?: string): Reader | undefined {
  if (format) return READERS.find((r) => r.format === format);
  return READERS.find((r) => r.detect(fileName, head));
}
