import { describe, expect, it } from 'vitest';
import { doi, gnd, isbn10, isbn10CheckDigit, isbn13, isbn13CheckDigit, isni, issn, orcid, viaf } from '../../src/links/transforms/identifiers.js';
import { applyTransforms, TRANSFORM_NAMES } from '../../src/links/transforms/index.js';

describe('text transforms', () => {
  it('fold diacritics, including letters NFKD leaves alone', () => {
    expect(applyTransforms(['fold-diacritics'], ['Dvořák', 'Straße', 'Łódź', 'Ærø', 'Göthe'])).toEqual(['Dvorak', 'Strasse', 'Lodz', 'AEro', 'Gothe']);
  });

  it('lower-case, strip punctuation, tokens, sort, initials', () => {
    expect(applyTransforms(['lowercase', 'strip-punctuation'], ['Goethe, Johann Wolfgang von (1749-1832)'])).toEqual(['goethe johann wolfgang von 1749 1832']);
    expect(applyTransforms(['tokens'], ['  a  b c '])).toEqual(['a', 'b', 'c']);
    expect(applyTransforms(['sort-tokens'], ['wolfgang goethe johann'])).toEqual(['goethe johann wolfgang']);
    expect(applyTransforms(['initials'], ['Johann Wolfgang von Goethe'])).toEqual(['JWvG']);
  });

  it('year of a date; values that have none are dropped', () => {
    expect(applyTransforms(['year'], ['2003-05-01', 'c1999.', '[1850?]', 'n.d.', '12345'])).toEqual(['2003', '1999', '1850']);
  });

  it('decode HTML character references; split lists', () => {
    expect(applyTransforms(['decode-entities'], ['De&#223;loch &mdash; &amp;'])).toEqual(['Deßloch — &']);
    expect(applyTransforms(['split-list'], ['A. Smith, B. Jones and C. Wu; D. Li'])).toEqual(['A. Smith', 'B. Jones', 'C. Wu', 'D. Li']);
  });

  it('name keys survive initials and swapped order; deletions survive one typo', () => {
    const full = applyTransforms(['lowercase', 'name-keys'], ['Johann Wolfgang Muller']);
    const short = applyTransforms(['lowercase', 'name-keys'], ['Muller, J.']);
    expect(short).toEqual(['muller j']);
    expect(full).toContain('muller j');
    expect(full).not.toContain('j m');
    const a = new Set(applyTransforms(['deletions'], ['kamoto d']));
    expect(applyTransforms(['deletions'], ['kmaoto d']).some((k) => a.has(k))).toBe(true);
    expect(applyTransforms(['deletions'], ['abcd e'])).toEqual(['abcd e', 'bcd e', 'acd e', 'abd e', 'abc e']);
    expect(applyTransforms(['deletions'], ['abc d'])).toEqual(['abc d']);
  });

  it('applies transforms in order and refuses unknown names', () => {
    expect(applyTransforms(['lowercase', 'tokens'], ['A B'])).toEqual(['a', 'b']);
    expect(() => applyTransforms(['nope'], ['x'])).toThrow(/unknown transform nope/);
    expect(TRANSFORM_NAMES).toContain('isbn13');
  });
});

describe('identifier transforms', () => {
  it('ISBN check digits', () => {
    expect(isbn10CheckDigit('030640615')).toBe('2');
    expect(isbn10CheckDigit('316148410')).toBe('X');
    expect(isbn13CheckDigit('978030640615')).toBe('7');
    expect(isbn13CheckDigit('978316148410')).toBe('0');
  });

  it('ISBN-10 ↔ ISBN-13, from any spelling', () => {
    expect(isbn13('ISBN 0-306-40615-2 (pbk.)')).toBe('9780306406157');
    expect(isbn13('3-16-148410-X')).toBe('9783161484100');
    expect(isbn13('978-3-16-148410-0')).toBe('9783161484100');
    expect(isbn10('978-0-306-40615-7')).toBe('0306406152');
    expect(isbn10('9783161484100')).toBe('316148410X');
    // A wrong check digit is not "corrected": the cleaned form stays, so equal typos still meet.
    expect(isbn13('0-306-40615-3')).toBe('0306406153');
    expect(isbn13('no isbn here')).toBe('');
  });

  it('DOI: resolver and prefix dropped, case folded', () => {
    expect(doi('https://doi.org/10.1145/375663.375668')).toBe('10.1145/375663.375668');
    expect(doi('doi:10.1000/ABC.def.')).toBe('10.1000/abc.def');
    expect(doi('http://dx.doi.org/10.1000%2Fxyz')).toBe('10.1000/xyz');
    expect(doi('not a doi')).toBe('');
  });

  it('ISSN, ORCID, ISNI, VIAF, GND', () => {
    expect(issn('ISSN 0317-8471')).toBe('0317-8471');
    expect(issn('2049363x')).toBe('2049-363X');
    expect(orcid('https://orcid.org/0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(orcid('000000021825009x')).toBe('0000-0002-1825-009X');
    expect(isni('ISNI 0000 0001 2146 438X')).toBe('000000012146438X');
    expect(viaf('http://viaf.org/viaf/24602065')).toBe('24602065');
    expect(gnd('(DE-588)118540238')).toBe('118540238');
    expect(gnd('https://d-nb.info/gnd/4036582-7')).toBe('4036582-7');
    expect(gnd('gnd:11854023x')).toBe('11854023X');
  });
});
