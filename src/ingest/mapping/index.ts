import type { MappedRecord, SourceRecord } from '../types.js';

export interface MapContext {
  baseIri: string;
  fileName: string;
}

/** Turns a source record into its record graph, following the rules in mappings/<record.mapping>. */
export interface Mapper {
  map(record: SourceRecord, ctx: MapContext): MappedRecord;
}

/** Checks a mapped record against shapes/; returns human-readable violations (empty when it conforms). */
export interface RecordValidator {
  validate(record: MappedRecord): Promise<string[]>;
}
