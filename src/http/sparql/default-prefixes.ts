/**
 * libkg's documented prefixes (src/vocab.ts, docs/ontology.md) work in queries and updates without
 * a PREFIX declaration, as on Virtuoso and QLever. Only the prefixes a request uses and does not
 * declare are added, in front of the text; a declared prefix wins.
 */
import { LibkgError } from '../../errors.js';
import { codeOnly } from '../../store/sparql-text.js';
import { PREFIXES } from '../../vocab.js';

export const DEFAULT_PREFIXES: Readonly<Record<string, string>> = PREFIXES;

/** A prefix declaration (`PREFIX dct:`, in any case, with or without space before the colon). */
const DECLARED = /(?<![\w:.-])PREFIX\s+([A-Za-z][\w.-]*)?\s*:/gi;
/** A prefixed name's prefix (not a variable, not inside a prefixed name, IRI, string or comment). */
const USED = /(?<![\w:.\-?$@])([A-Za-z][\w.-]*):/g;

/** The prefixes from DEFAULT_PREFIXES the text uses without declaring them. */
export function undeclaredPrefixes(text: string): string[] {
  const code = codeOnly(text);
  const declared = new Set([...code.matchAll(DECLARED)].map((m) => m[1] ?? ''));
  const used = new Set<string>();
  for (const m of code.matchAll(USED)) {
    const name = m[1] as string;
    if (!declared.has(name) && Object.hasOwn(DEFAULT_PREFIXES, name)) used.add(name);
  }
  return [...used];
}

/**
 * The text with the declarations it lacks, all on one line in front: the user's line N is line N + 1
 * of what the engine sees. Syntax errors are reported from a parse of the user's own text (with these
 * prefixes known to the parser), so positions in messages refer to what the user wrote.
 */
export function withDefaultPrefixes(text: string): string {
  const missing = undeclaredPrefixes(text);
  if (!missing.length) return text;
  return `${missing.map((p) => `PREFIX ${p}: <${DEFAULT_PREFIXES[p]}>`).join(' ')}\n${text}`;
}

/** Rethrows an engine's error about the declared text with its "error at line:column" on the user's line. */
export function atUserLines(e: unknown): never {
  if (e instanceof LibkgError) e.message = e.message.replace(/\berror at (\d+):(\d+)/, (_, line, column) => `error at ${Number(line) - 1}:${column}`);
  throw e;
}
