import N3 from 'n3';
import { describe, expect, it } from 'vitest';
import { decodeQuads, encodeQuads } from '../../src/jobs/import-wire.js';

const { namedNode, blankNode, literal, quad, defaultGraph } = N3.DataFactory;

describe('quads between the import worker and the store thread', () => {
  it('come back equal, term by term', () => {
    const quads = [
      quad(namedNode('http://ex.org/s'), namedNode('http://ex.org/p'), literal('Grüße\0mit NUL', 'de'), namedNode('http://ex.org/g')),
      quad(blankNode('n0'), namedNode('http://ex.org/p'), literal('42', namedNode('http://www.w3.org/2001/XMLSchema#integer')), defaultGraph()),
      quad(namedNode('http://ex.org/s'), namedNode('http://ex.org/p'), literal(''), defaultGraph()),
      quad(namedNode('http://ex.org/s'), namedNode('http://ex.org/p'), blankNode('b1'), namedNode('http://ex.org/g')),
    ];
    const back = decodeQuads(encodeQuads(quads));
    expect(back.length).toBe(quads.length);
    for (const [i, q] of back.entries()) expect(q.equals(quads[i] as N3.Quad)).toBe(true);
  });

  it('refuse a term they cannot carry instead of losing it', () => {
    const star = quad(namedNode('http://ex.org/s'), namedNode('http://ex.org/p'), N3.DataFactory.variable('x') as never);
    expect(() => encodeQuads([star])).toThrow(/unsupported RDF term type Variable/);
  });
});
