/** List cells of table imports (mappings/bibliographic-table.yaml): authors become one entity each. */
import { describe, expect, it } from 'vitest';
import { splitList } from '../../src/ingest/readers/table.js';

describe('splitList of a table cell', () => {
  it('splits on ";" when the cell has one, else on ","', () => {
    expect(splitList('Smith, A.; Jones, B.')).toEqual(['Smith, A.', 'Jones, B.']);
    expect(splitList('A. Smith, B. Jones')).toEqual(['A. Smith', 'B. Jones']);
  });

  it('does not split at the ";" of a character reference (DBLP2.csv: "H&#233;ctor Garc&#237;a-Molina")', () => {
    expect(splitList('Narayanan Shivakumar, H&#233;ctor Garc&#237;a-Molina')).toEqual(['Narayanan Shivakumar', 'H&#233;ctor Garc&#237;a-Molina']);
    expect(splitList('Ren&eacute;e Miller, Sophie Cluet')).toEqual(['Ren&eacute;e Miller', 'Sophie Cluet']);
    expect(splitList('Caf&#233; Lee; Bo Roe')).toEqual(['Caf&#233; Lee', 'Bo Roe']);
  });
});
