/**
 * libkg's documented prefixes (src/vocab.ts, docs/ontology.md) work in queries and updates without
 * a PREFIX declaration, as on Virtuoso and QLever. Only the prefixes a request uses and does not
 * declare are added, in front of the text; a declared prefix wins.
 */
import { LibkgError } from '../../errors.js';
import { declarePrefixes, undeclared } from '../../store/parsed-query.js';
import { PREFIXES } from '../../vocab.js';

export const DEFAULT_PREFIXES: Readonly<Record<string, string>> = PREFIXES;

/** The prefixes from DEFAULT_PREFIXES the text uses without declaring them. */
export const undeclaredPrefixes = (text: string): string[] => undeclared(text, DEFAULT_PREFIXES);

/**
 * The text with the declarations it lacks, all on one line in front: the user's line N is line N + 1
 * of what the engine sees. Syntax errors are reported from a parse of the user's own text (with these
 * prefixes known to the parser), so positions in messages refer to what the user wrote.
 */
export const withDefaultPrefixes = (text: string): string => declarePrefixes(text, DEFAULT_PREFIXES).text;

/** Rethrows an engine's error about the declared text with its "error at line:column" on the user's line. */
export function atUserLines(e: unknown): never {
  if (e instanceof LibkgError) e.message = e.message.replace(/\berror at (\d+):(\d+)/, (_, line, column) => `error at ${Number(line) - 1}:${column}`);
  throw e;
}
