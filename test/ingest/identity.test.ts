import { describe, expect, it } from 'vitest';
import { iris, normalizeDoi, normalizeOrcid, slug } from '../../src/ingest/identity/mint.js';

describe('IRI minting', () => {
  it('slugs names: Latin diacritics dropped, other scripts kept whole', () => {
    expect(slug('Müller, Jürgen 1950-')).toBe('muller-jurgen-1950');
    expect(slug('ゲーテ')).toBe('ゲーテ');
    expect(slug('金田一 京助')).toBe('金田一-京助');
  });

  it('gives one IRI per DOI and ORCID however they are written', () => {
    const i = iris('http://localhost:8080/');
    expect(i.doi('https://doi.org/10.5061/DRYAD.1')).toBe(i.doi('doi:10.5061/dryad.1'));
    expect(i.doi('10.5061/dryad.1')).toBe('http://localhost:8080/id/doi/10.5061/dryad.1');
    expect(normalizeDoi('https://dx.doi.org/10.1000/ABC')).toBe('10.1000/abc');
    expect(i.orcid('https://orcid.org/0000-0002-1825-0097')).toBe('http://localhost:8080/id/person/orcid-0000-0002-1825-0097');
    expect(normalizeOrcid('000000021825009X')).toBe('0000-0002-1825-009X');
    expect(() => normalizeOrcid('not an id')).toThrow(/not an ORCID/);
  });
});
