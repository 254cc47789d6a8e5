/**
 * Finding and reading link specs: `mappings/links/<id>.yaml`, or a file path. The only place that
 * calls the spec parser (`parseLinkSpec` of spec/parse.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LibkgError } from '../errors.js';
import type { LinkSpec } from './engine/index.js';
import { parseLinkSpec } from './spec/parse.js';

/** The shipped specs. */
export const LINK_SPECS_DIR = fileURLToPath(new URL('../../mappings/links/', import.meta.url));

/** Spec ids name graphs and IRIs: letters, digits, `-` and `_` only. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function listLinkSpecs(dir = LINK_SPECS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir)
      // `<id>.learned.yaml` (libkg link learn) is run by its path, not listed: it keeps the id of its spec.
      .filter((f) => f.endsWith('.yaml') && !f.endsWith('.learned.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort()
  );
}

/** The file a spec argument names: an id of `dir`, or a path to a .yaml file. */
export function linkSpecPath(nameOrPath: string, dir = LINK_SPECS_DIR): string {
  if (nameOrPath.endsWith('.yaml') || nameOrPath.includes('/')) return resolve(nameOrPath);
  if (!ID.test(nameOrPath) || !existsSync(join(dir, `${nameOrPath}.yaml`))) {
    throw new LibkgError('NOT_FOUND', `no link spec "${nameOrPath}"; the specs are: ${listLinkSpecs(dir).join(', ') || '(none)'}`);
  }
  return join(dir, `${nameOrPath}.yaml`);
}

/** Reads and parses a spec; a broken one is refused (LINK_SPEC_INVALID) before anything runs. */
export function loadLinkSpec(nameOrPath: string, dir = LINK_SPECS_DIR): { spec: LinkSpec; file: string } {
  const file = linkSpecPath(nameOrPath, dir);
  if (!existsSync(file)) throw new LibkgError('NOT_FOUND', `no link spec file ${file}`);
  let spec: LinkSpec;
  try {
    spec = parseLinkSpec(readFileSync(file, 'utf8'), file);
  } catch (e) {
    throw e instanceof LibkgError ? e : new LibkgError('LINK_SPEC_INVALID', (e as Error).message);
  }
  if (!ID.test(spec.id)) throw new LibkgError('LINK_SPEC_INVALID', `${file}: id: "${spec.id}" must be letters, digits, - and _ (it names the link graph)`);
  return { spec, file };
}
