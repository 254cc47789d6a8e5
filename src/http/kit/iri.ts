/**
 * Thing IRIs live under `{base}id/`, their documents under `{base}doc/`
 * (docs/iri-patterns.md). Paths are used raw (still percent-encoded), as minted.
 */
export const THING_PREFIX = 'id/';
export const DOC_PREFIX = 'doc/';

/** Characters N-Triples/SPARQL IRIs cannot hold: such a path names no entity, and never reaches a query. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this class must catch.
const UNSAFE_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

export const isSafeIri = (iri: string) => !UNSAFE_IRI.test(iri);

/** `<iri>` for a SPARQL query; throws on anything that could break out of the IRI. */
export function sparqlIri(iri: string): string {
  if (!isSafeIri(iri)) throw new Error(`unsafe IRI: ${JSON.stringify(iri)}`);
  return `<${iri}>`;
}

export const docOf = (base: string, thing: string) =>
  thing.startsWith(base + THING_PREFIX) ? base + DOC_PREFIX + thing.slice(base.length + THING_PREFIX.length) : undefined;
export const thingOf = (base: string, doc: string) =>
  doc.startsWith(base + DOC_PREFIX) ? base + THING_PREFIX + doc.slice(base.length + DOC_PREFIX.length) : undefined;
