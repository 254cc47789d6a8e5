import { createHash } from 'node:crypto';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { isLibkgError } from '../errors.js';
import { assertIri } from './iri.js';

const { DataFactory } = N3;
const writer = new N3.Writer({ format: 'N-Quads' });

/**
 * One quad as a canonical N-Quads line without the trailing newline. Every
 * line the journal keeps or compares goes through here, so equal quads are
 * equal strings (language tags are case-insensitive: lower-cased, as Oxigraph does).
 */
export function quadToLine(q: RDF.Quad): string {
  const g = q.graph.termType === 'DefaultGraph' ? '' : ` ${nt(q.graph)}`;
  return `${tripleKey(q)}${g} .`;
}

/** The "s p o" part of a quad's line, as the journal stores it under its graph. */
export function tripleKey(q: RDF.Quad): string {
  return `${nt(q.subject)} ${nt(q.predicate)} ${nt(q.object)}`;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
// biome-ignore lint/suspicious/noControlCharactersInRegex: N-Triples must escape control characters.
const LITERAL_ESCAPE = /["\\\u0000-\u001f\u007f]/;
const LITERAL_ESCAPES = new RegExp(LITERAL_ESCAPE.source, 'g');
const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const literalEscape = (c: string) => (c === '"' ? '\\"' : c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : hex4(c));

/**
 * IRI -> `<IRI>`: predicates, types and subjects repeat across quads; bounded so a long import does not grow it forever.
 * An IRI that is not valid is refused (INVALID_IRI), never escaped or emitted: `\u0020` would not load into
 * Oxigraph, and a raw `>` or newline would let one term inject quads into the line.
 */
const iriMemo = new Map<string, string>();
const ntIri = (iri: string): string => {
  let s = iriMemo.get(iri);
  if (s === undefined) {
    assertIri(iri);
    if (iriMemo.size >= 20_000) iriMemo.clear();
    s = `<${iri}>`;
    iriMemo.set(iri, s);
  }
  return s;
};

/**
 * An N3 literal from its canonical id (`"v"`, `"v"@lang`, `"v"^^dt`): N3's
 * value/language/datatype getters each re-parse the id (datatype allocates a
 * term), and the id often is the N-Triples form already.
 */
function ntN3Literal(id: string): string {
  const q = id.lastIndexOf('"');
  const raw = id.substring(1, q);
  const escaped = LITERAL_ESCAPE.test(raw);
  const v = escaped ? raw.replace(LITERAL_ESCAPES, literalEscape) : raw;
  if (q === id.length - 1) return escaped ? `"${v}"` : id;
  if (id.charCodeAt(q + 1) === 0x40 /* @ */) {
    const lang = id.substring(q + 2);
    const lower = lang.toLowerCase();
    return escaped || lower !== lang ? `"${v}"@${lower}` : id;
  }
  const dt = id.substring(q + 3);
  return dt === XSD_STRING ? `"${v}"` : `"${v}"^^${ntIri(dt)}`;
}

/**
 * One term in N-Triples syntax. Hand-written because N3.Writer's quadToString
 * measured ~10 µs a quad (92k quads/s), the bottleneck of bulk imports; this
 * is ~10x faster. Language tags are lower-cased (case-insensitive in RDF).
 */
function nt(t: RDF.Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return ntIri(t.value);
    case 'BlankNode':
      return `_:${t.value}`;
    case 'Literal': {
      if (t instanceof N3.Literal) return ntN3Literal(t.id);
      const v = LITERAL_ESCAPE.test(t.value) ? t.value.replace(LITERAL_ESCAPES, literalEscape) : t.value;
      if (t.language) return `"${v}"@${t.language.toLowerCase()}`;
      return t.datatype.value === XSD_STRING ? `"${v}"` : `"${v}"^^${nt(t.datatype)}`;
    }
    default:
      // Quoted triples (RDF-star) and anything else: N3's writer.
      return writer.quadToString(t as RDF.Quad_Subject, DataFactory.namedNode('x:p'), DataFactory.namedNode('x:o')).split(' <x:p>')[0] as string;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: characters N-Triples forbids in IRIs.
const IRI_ESCAPES = /[\u0000-\u0020<>"{}|^`\\]/g;

/**
 * One term in N-Triples syntax for reading paths (pattern keys, remote answers, TPF): an IRI that is
 * not valid is written with \u escapes, as before, instead of failing the read. Writes go through
 * `tripleKey`/`quadToLine`, which refuse it.
 */
export function termToNt(t: RDF.Term): string {
  if (t.termType === 'DefaultGraph') return '';
  try {
    return nt(t);
  } catch (e) {
    if (t.termType !== 'NamedNode' || !isLibkgError(e) || e.code !== 'INVALID_IRI') throw e;
    return `<${t.value.replace(IRI_ESCAPES, hex4)}>`;
  }
}

/** Parses N-Quads lines (already valid: they come from the journal or the engine). */
export function linesToQuads(text: string): RDF.Quad[] {
  return new N3.Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(text);
}

/**
 * Gives a graph's blank nodes labels that are unique across the store and
 * deterministic for the same input, so re-importing an unchanged record hashes
 * the same and two records never share a blank node.
 */
export function relabelBlankNodes(quads: RDF.Quad[], graphKey: string): RDF.Quad[] {
  const labels = new Map<string, RDF.BlankNode>();
  const map = <T extends RDF.Term>(t: T): T => {
    if (t.termType !== 'BlankNode') return t;
    let b = labels.get(t.value);
    if (!b) {
      const h = createHash('sha1').update(graphKey).update('\0').update(t.value).digest('hex').slice(0, 24);
      b = DataFactory.blankNode(`b${h}`);
      labels.set(t.value, b);
    }
    return b as unknown as T;
  };
  return quads.map((q) =>
    q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode' ? DataFactory.quad(map(q.subject), q.predicate, map(q.object), q.graph) : q,
  );
}

/** Order-independent content hash of a set of lines. */
export function hashLines(lines: string[]): string {
  return hashBody([...lines].sort().join('\n'));
}

/** Hash of an already sorted, newline-joined body: one digest call, not one per line. */
export const hashBody = (body: string): string => createHash('sha1').update(body).digest('base64');
