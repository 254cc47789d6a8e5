/** The Mapper of the import pipeline: dispatches each record to its compiled mapping by name. */
import { fileURLToPath } from 'node:url';
import type { SourceRecord } from '../types.js';
import type { CompiledMapping } from './compile.js';
import type { MapContext, Mapper } from './index.js';
import { loadMappings } from './load.js';

/** mappings/ of the package (src/ingest/mapping -> ../../../mappings, the same from dist/). */
export const DEFAULT_MAPPINGS_DIR = fileURLToPath(new URL('../../../mappings/', import.meta.url));

export class MappingEngine implements Mapper {
  constructor(readonly mappings: Map<string, CompiledMapping>) {}

  static fromDirectory(dir = DEFAULT_MAPPINGS_DIR): MappingEngine {
    return new MappingEngine(loadMappings(dir));
  }

  map(record: SourceRecord, ctx: MapContext) {
    const m = this.mappings.get(record.mapping);
    if (!m) throw new Error(`no mapping "${record.mapping}" in mappings/ (have: ${[...this.mappings.keys()].join(', ') || 'none'})`);
    return m({ data: record.data, index: record.index, id: record.id, fileName: ctx.fileName, baseIri: ctx.baseIri });
  }
}
