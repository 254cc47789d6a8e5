import { describe, expect, it } from 'vitest';
import { formatToAccept, negotiate, parseAccept } from '../../src/http/kit/negotiate.js';

const SOLUTIONS = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'];
const ALIASES = { 'application/json': 'application/sparql-results+json', 'application/xml': 'application/sparql-results+xml' };

describe('negotiate', () => {
  it('gives the first offered type when there is no Accept header', () => {
    expect(negotiate(undefined, SOLUTIONS)).toBe('application/sparql-results+json');
  });

  it('follows q-values, not the order of the header', () => {
    expect(negotiate('application/sparql-results+json;q=0.5, text/csv', SOLUTIONS)).toBe('text/csv');
    expect(negotiate('text/csv;q=0.2, application/sparql-results+xml;q=0.9', SOLUTIONS)).toBe('application/sparql-results+xml');
  });

  it('prefers an exact match over a wildcard of equal q', () => {
    expect(negotiate('*/*, text/tab-separated-values', SOLUTIONS)).toBe('text/tab-separated-values');
    expect(negotiate('text/*', SOLUTIONS)).toBe('text/csv');
  });

  it('lets a more specific range with q=0 exclude a type a wildcard would accept', () => {
    expect(negotiate('application/*, application/sparql-results+json;q=0', SOLUTIONS)).toBe('application/sparql-results+xml');
  });

  it('keeps the client order between equal q-values', () => {
    expect(negotiate('text/tab-separated-values, text/csv', SOLUTIONS)).toBe('text/tab-separated-values');
  });

  it('maps aliases only on an explicit match', () => {
    expect(negotiate('application/json', SOLUTIONS, ALIASES)).toBe('application/sparql-results+json');
    expect(negotiate('application/xml', SOLUTIONS, ALIASES)).toBe('application/sparql-results+xml');
  });

  it('returns undefined when nothing offered is acceptable', () => {
    expect(negotiate('image/png', SOLUTIONS)).toBeUndefined();
    expect(negotiate('text/csv;q=0', ['text/csv'])).toBeUndefined();
  });

  it('skips malformed ranges', () => {
    expect(parseAccept('garbage, text/csv;q=0.3').map((r) => r.subtype)).toEqual(['csv']);
  });
});

describe('formatToAccept', () => {
  it('reads short names and full media types', () => {
    expect(formatToAccept('csv')).toBe('text/csv');
    expect(formatToAccept('application/n-triples')).toBe('application/n-triples');
    expect(formatToAccept('json', true)).toBe('application/ld+json');
    expect(formatToAccept('json')).toBe('application/sparql-results+json');
    expect(formatToAccept('no-such-format')).toBeUndefined();
  });
});
