import type { Mapper, RecordValidator } from './mapping/index.js';

/**
 * Builds the mapper (mappings/*) and the SHACL validator (shapes/*) the import
 * pipeline uses. Until the mapping engine lands, only raw RDF is importable.
 */
export async function createIngest(_options: { baseIri: string }): Promise<{ mapper?: Mapper; validator?: RecordValidator }> {
  return {};
}
