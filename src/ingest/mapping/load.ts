/** Reads mappings/*.yaml once, checks and compiles them; a bad file is a CONFIG_INVALID naming file and rule. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { LibkgError } from '../../errors.js';
import { type CompiledMapping, compileMapping, type MappingSpec } from './compile.js';

export function loadMappingFile(path: string): CompiledMapping {
  const label = `mappings/${basename(path)}`;
  let spec: MappingSpec;
  try {
    spec = parse(readFileSync(path, 'utf8')) as MappingSpec;
  } catch (e) {
    throw new LibkgError('CONFIG_INVALID', `${label}: not valid YAML: ${(e as Error).message}`);
  }
  try {
    const compiled = compileMapping(spec);
    const expected = basename(path).replace(/\.ya?ml$/, '');
    if (compiled.mappingName !== expected) throw new Error(`"mapping: ${compiled.mappingName}" must equal the file name (${expected})`);
    return compiled;
  } catch (e) {
    if (e instanceof LibkgError) throw e;
    throw new LibkgError('CONFIG_INVALID', `${label}: ${(e as Error).message}`);
  }
}

/** Every *.yaml of a directory, by mapping name. */
export function loadMappings(dir: string): Map<string, CompiledMapping> {
  const out = new Map<string, CompiledMapping>();
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const m = loadMappingFile(join(dir, name));
    out.set(m.mappingName, m);
  }
  return out;
}
