import { describe, expect, it } from 'vitest';
import { identifierForms, otherIsbn } from '../../src/search/identifiers.js';

describe('identifierForms', () => {
  it('gives an ISBN-10 its ISBN-13 and back, only for valid check digits', () => {
    expect(otherIsbn('0679450041')).toBe('9780679450047');
    expect(otherIsbn('9780679450047')).toBe('0679450041');
    expect(otherIsbn('080442957x')).toBe('9780804429573');
    expect(otherIsbn('9780804429573')).toBe('080442957x');
    expect(otherIsbn('0679450042')).toBeUndefined();
    expect(otherIsbn('9790679450047')).toBeUndefined();
    expect(identifierForms('0679450041 (alk. paper)')).toEqual(expect.arrayContaining(['0679450041', '9780679450047']));
    expect(identifierForms('ISBN 978-0-679-45004-7')).toEqual(expect.arrayContaining(['9780679450047', '0679450041']));
  });

  it('drops resolver prefixes of DOIs and ORCIDs, and punctuation and case', () => {
    expect(identifierForms('https://doi.org/10.5061/DRYAD.8515')).toContain('105061dryad8515');
    expect(identifierForms('doi:10.5061/dryad.8515')).toContain('105061dryad8515');
    expect(identifierForms('https://orcid.org/0000-0002-7319-2192')).toContain('0000000273192192');
    expect(identifierForms('0028-0836')).toEqual(['00280836']);
  });
});
