import { DEFAULT_MAPPINGS_DIR, MappingEngine } from './mapping/engine.js';
import type { Mapper, RecordValidator } from './mapping/index.js';
import { DEFAULT_SHAPES_DIR, loadShapes, ShaclRecordValidator } from './validate.js';

export interface IngestOptions {
  baseIri: string;
  /** Defaults: the package's mappings/ and shapes/. */
  mappingsDir?: string;
  shapesDir?: string;
}

/**
 * Builds the mapper (every mappings/*.yaml, compiled once) and the SHACL
 * validator (every shapes/*.ttl) that `libkg import` and HTTP import use.
 * A bad mapping or shape file fails here with CONFIG_INVALID naming it.
 */
export async function createIngest(options: IngestOptions): Promise<{ mapper: Mapper; validator: RecordValidator }> {
  const mapper = MappingEngine.fromDirectory(options.mappingsDir ?? DEFAULT_MAPPINGS_DIR);
  const validator = new ShaclRecordValidator(loadShapes(options.shapesDir ?? DEFAULT_SHAPES_DIR));
  return { mapper, validator };
}
