import oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { assertIri, escapeIri, iriProblem, percentEncodePath, repairIri } from '../../src/rdf/iri.js';

/** What Oxigraph's own IRI parser says: the validator must never accept what it refuses. */
const oxAccepts = (iri: string) => {
  try {
    oxigraph.namedNode(iri);
    return true;
  } catch {
    return false;
  }
};

const FORBIDDEN = [' ', '<', '>', '"', '{', '}', '|', '^', '`', '\\', '\u0000', '\n', '\r', '\t', '\u007f', '\u0085', '\ud800', '\ufffe'];

describe('iriProblem', () => {
  it.each(['http://example.org/a', 'urn:isbn:978-3-16', 'http://[::1]:8080/p?q=1#f', 'mailto:a@b', 'http://a/%C3%A9', 'http://a/é', 'http://u@h:80/p'])(
    'accepts %s',
    (iri) => {
      expect(iriProblem(iri)).toBeUndefined();
      expect(oxAccepts(iri)).toBe(true);
    },
  );

  it.each(FORBIDDEN.map((c) => [escapeIri(c), c]))('refuses %s in the path and names it', (_shown, c) => {
    const problem = iriProblem(`http://example.org/a${c}b`);
    expect(problem).toMatch(/contains .*U\+[0-9A-F]{4}.* at position 20/);
  });

  it.each([
    ['relative', /no scheme/],
    ['http://a/%zz', /'%' at position 9/],
    ['http://a/x%4', /'%'/],
    ['http://a:b/', /port/],
    ['http://a/x#y#z', /fragment contains '#'/],
    ['http://a/[x]', /path contains '\['/],
    ['', /empty/],
  ])('refuses %j', (iri, reason) => {
    expect(iriProblem(iri)).toMatch(reason);
    expect(oxAccepts(iri)).toBe(false);
  });

  it('assertIri throws INVALID_IRI with the IRI escaped', () => {
    expect(() => assertIri('http://x> .\n<http://evil/s>', 'graph')).toThrow(
      /graph <http:\/\/x\\u003E\\u0020\.\\u000A\\u003Chttp:\/\/evil\/s\\u003E> is not a valid IRI/,
    );
  });

  it('agrees with Oxigraph on random mutations (never accepts what Oxigraph refuses)', () => {
    const bases = ['http://example.org/a/b?c=d#e', 'urn:x:y', 'https://u@h.example:8080/p/q', 'http://[::1]/x'];
    const pool = [
      ...FORBIDDEN,
      '%',
      '%4',
      '%zz',
      '#',
      '?',
      '[',
      ']',
      ':',
      '@',
      '/',
      'é',
      '\ue000',
      '\u{1fffe}',
      '\u200b',
      '\ufdd0',
      '\uf8ff',
      '\u00a0',
      '\u009f',
    ];
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const disagreements: string[] = [];
    for (let i = 0; i < 5000; i++) {
      let iri = bases[rnd(bases.length)] as string;
      for (let k = 1 + rnd(3); k > 0; k--) {
        const at = rnd(iri.length + 1);
        const piece = rnd(4) === 0 ? String.fromCodePoint(rnd(0x3000)) : (pool[rnd(pool.length)] as string);
        iri = iri.slice(0, at) + piece + iri.slice(at);
      }
      const ours = iriProblem(iri) === undefined;
      if (ours !== oxAccepts(iri)) disagreements.push(`${escapeIri(iri)} ours=${ours}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('IRIs made from data', () => {
  it.each([
    ['http://ex.org/a b', 'http://ex.org/a%20b'],
    ['http://ex.org/50%', 'http://ex.org/50%25'],
    ['http://ex.org/%C3%A9', 'http://ex.org/%C3%A9'],
    ['http://ex.org/q?a[]=1', 'http://ex.org/q?a%5B%5D=1'],
    ['http://[::1]/x', 'http://[::1]/x'],
    ['http://ex.org/\ufffe', 'http://ex.org/%EF%BF%BE'],
    ['http://ex.org:port/', undefined],
  ])('repairIri(%j) = %j, and Oxigraph takes it', (text, iri) => {
    expect(repairIri(text)).toBe(iri);
    if (iri) expect(oxAccepts(iri)).toBe(true);
  });

  it('percentEncodePath escapes what a DOI may hold', () => {
    expect(percentEncodePath('10.5438/a%zz<x>{y}#?é\ud800')).toBe('10.5438/a%25zz%3Cx%3E%7By%7D%23%3Fé%EF%BF%BD');
  });
});
