import N3 from 'n3';
import { describe, expect, it } from 'vitest';
import { linesToQuads, quadToLine, tripleKey } from '../../src/rdf/nquads.js';

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
