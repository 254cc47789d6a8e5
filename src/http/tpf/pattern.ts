/**
 * Triple pattern parameters in the Hydra ExplicitRepresentation the TPF
 * spec uses: an IRI as is (or in <>), a literal as "text", "text"@lang or
 * "text"^^datatype (datatype with or without <>), a variable as ?name or
 * empty for "any".
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { LibkgError } from '../../errors.js';
import { NS } from '../../vocab.js';

const { namedNode, literal } = N3.DataFactory;

export type PatternTerm = RDF.NamedNode | RDF.Literal | null;

export function parsePatternTerm(value: string | undefined, position: 'subject' | 'predicate' | 'object'): PatternTerm {
  if (value === undefined || value === '' || value.startsWith('?') || value.startsWith('_:')) return null;
  if (value.startsWith('"')) {
    if (position !== 'object') throw new LibkgError('BAD_REQUEST', `a literal cannot be the ${position} of a triple`);
    const end = value.lastIndexOf('"');
    if (end <= 0) throw new LibkgError('BAD_REQUEST', `unterminated literal in ${position}: ${value}`);
    const text = value.slice(1, end);
    const rest = value.slice(end + 1);
    if (rest === '') return literal(text);
    if (rest.startsWith('@')) return literal(text, rest.slice(1));
    if (rest.startsWith('^^')) return literal(text, namedNode(rest.slice(2).replace(/^<(.*)>$/, '$1')));
    throw new LibkgError('BAD_REQUEST', `malformed literal in ${position}: ${value}`);
  }
  const iri = value.replace(/^<(.*)>$/, '$1');
  if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(iri)) throw new LibkgError('BAD_REQUEST', `${position} is not an IRI: ${value}`);
  return namedNode(iri);
}

/** The ExplicitRepresentation of a term, for building page links. */
export function patternValue(term: PatternTerm): string | undefined {
  if (!term) return undefined;
  if (term.termType === 'NamedNode') return term.value;
  if (term.language) return `"${term.value}"@${term.language}`;
  if (term.datatype.value === NS.xsd('string')) return `"${term.value}"`;
  return `"${term.value}"^^${term.datatype.value}`;
}
