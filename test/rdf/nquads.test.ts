import N3 from 'n3';
import { describe, expect, it } from 'vitest';
import { linesToQuads, quadToLine, termToNt, tripleKey } from '../../src/rdf/nquads.js';

const { namedNode: iri, literal, blankNode, quad } = N3.DataFactory;

describe('The N-Quads line serializer', () => {
  it('writes lines that N3 parses back to the same quads', () => {
    const quads = [
      quad(iri('http://ex.org/a'), iri('http://ex.org/p'), literal('tab\there "quoted" back\\slash\nnewline\r\u0001 ünïcødé 金田一 😀')),
      quad(iri('http://ex.org/a'), iri('http://ex.org/p'), literal('Hallo', 'DE-at'), iri('http://ex.org/g')),
      quad(blankNode('b1'), iri('http://ex.org/p'), literal('42', iri('http://www.w3.org/2001/XMLSchema#integer'))),
      quad(iri('http://ex.org/a'), iri('http://ex.org/p'), literal('x', iri('http://www.w3.org/2001/XMLSchema#string'))),
    ];
    for (const q of quads) {
      const back = linesToQuads(quadToLine(q))[0];
      expect(back?.object.value).toBe(q.object.value);
      expect(back?.subject.value).toBe(q.subject.value);
      expect(back?.graph.value).toBe(q.graph.value);
    }
    expect(quadToLine(quads[1] as N3.Quad)).toBe('<http://ex.org/a> <http://ex.org/p> "Hallo"@de-at <http://ex.org/g> .');
    expect(tripleKey(quads[3] as N3.Quad)).toBe('<http://ex.org/a> <http://ex.org/p> "x"');
    expect(quadToLine(quads[2] as N3.Quad)).toBe('_:b1 <http://ex.org/p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .');
  });
});

describe('tripleKey on N3 literals (read from the term id)', () => {
  it('writes the same text as the generic RDF/JS path', () => {
    const s = iri('http://ex.org/a%20b');
    const p = iri('http://ex.org/p');
    const generic = (o: N3.Literal) => ({ termType: 'Literal', value: o.value, language: o.language, datatype: o.datatype, equals: () => false }) as never;
    for (const o of [
      literal('plain'),
      literal('say "hi"\n', 'EN-gb'),
      literal('Grüße', 'de'),
      literal('a\\b', iri('http://ex.org/dt%3Ex')),
      literal('x', iri('http://www.w3.org/2001/XMLSchema#string')),
      literal('7', iri('http://www.w3.org/2001/XMLSchema#integer')),
    ]) {
      expect(tripleKey(quad(s, p, o))).toBe(tripleKey(quad(s, p, generic(o))));
    }
    expect(tripleKey(quad(s, p, literal('say "hi"', 'EN-gb')))).toBe('<http://ex.org/a%20b> <http://ex.org/p> "say \\"hi\\""@en-gb');
  });
});

describe('IRIs the serializer refuses', () => {
  // Escaping them (the old behaviour, `\u0020`) wrote lines Oxigraph cannot load; a raw `>` or newline injects quads.
  it.each(['http://ex.org/a b', 'http://ex.org/x> <http://ex.org/p> <http://ex.org/o> .\n<http://evil/s', 'http://ex.org/%zz', 'relative/iri'])(
    'refuses %j as subject, predicate, datatype and graph with INVALID_IRI',
    (bad) => {
      const ok = iri('http://ex.org/ok');
      for (const q of [
        quad(iri(bad), ok, ok),
        quad(ok, iri(bad), ok),
        quad(ok, ok, iri(bad)),
        quad(ok, ok, literal('v', iri(bad))),
        quad(ok, ok, ok, iri(bad)),
      ]) {
        expect(() => quadToLine(q)).toThrow(expect.objectContaining({ code: 'INVALID_IRI' }));
      }
    },
  );
});

describe('termToNt (reading paths: pattern keys, remote answers)', () => {
  it('writes an invalid IRI escaped instead of failing the read; the write path refuses it', () => {
    expect(termToNt(iri('http://ex.org/a b'))).toBe('<http://ex.org/a\\u0020b>');
    expect(() => tripleKey(quad(iri('http://ex.org/a b'), iri('http://ex.org/p'), iri('http://ex.org/o')))).toThrow(/not a valid IRI/);
  });
});
