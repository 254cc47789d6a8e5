import { createHash } from 'node:crypto';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';

const { DataFactory } = N3;
const writer = new N3.Writer({ format: 'N-Quads' });

/**
 * One quad as a canonical N-Quads line without the trailing newline. Every
 * line the journal keeps or compares goes through here, so equal quads are
 * equal strings (language tags are case-insensitive: lower-cased, as Oxigraph does).
 */
export function quadToLine(q: RDF.Quad): string {
  let o = q.object;
  if (o.termType === 'Literal' && o.language && o.language !== o.language.toLowerCase()) {
    o = DataFactory.literal(o.value, o.language.toLowerCase());
  }
  return writer.quadToString(q.subject, q.predicate, o, q.graph).trimEnd();
}

/** The "s p o" part of a quad's line, as the journal stores it under its graph. */
export function tripleKey(q: RDF.Quad): string {
  const line = quadToLine(DataFactory.quad(q.subject, q.predicate, q.object));
  return line.slice(0, -2);
}

export function termToNt(t: RDF.Term): string {
  // quadToString is N3's public serializer; take the subject slot of a dummy triple.
  if (t.termType === 'DefaultGraph') return '';
  const line = writer.quadToString(t as RDF.Quad_Subject, DataFactory.namedNode('x:p'), DataFactory.namedNode('x:o'));
  return line.slice(0, line.indexOf(' <x:p>'));
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
  return quads.map((q) => DataFactory.quad(map(q.subject), q.predicate, map(q.object), q.graph));
}

/** Order-independent content hash of a set of lines. */
export function hashLines(lines: string[]): string {
  const h = createHash('sha256');
  for (const l of [...lines].sort()) h.update(l).update('\n');
  return h.digest('hex');
}
