/**
 * Seeded small random datasets for the differential tests: a few named graphs of
 * IRIs, blank nodes and literals of several kinds, including language tags and
 * numbers written in more than one lexical form ("1", "01", "1.0", "1e0").
 */
import { prng } from '../helpers/prng.js';

export const EX = 'http://example.org/diff/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

export interface Dataset {
  /** Graph IRI → N-Triples lines. */
  graphs: Map<string, string[]>;
}

export type Pick = <T>(items: readonly T[]) => T;

export function picker(random: () => number): Pick {
  return (items) => items[Math.floor(random() * items.length)] as (typeof items)[number];
}

const typed = (lex: string, type: string) => `"${lex}"^^<${XSD}${type}>`;

/** Literals the generator draws from; numbers of equal value in different forms and types on purpose. */
export const LITERALS = [
  '"alpha"',
  '"beta"',
  '"Alpha"',
  '"chat"@en',
  '"chat"@fr',
  '"chat"',
  '"été"@fr',
  '""',
  typed('1', 'integer'),
  typed('01', 'integer'),
  typed('2', 'integer'),
  typed('-3', 'integer'),
  typed('10', 'integer'),
  typed('1.0', 'decimal'),
  typed('2.50', 'decimal'),
  typed('1e0', 'double'),
  typed('2.5E0', 'double'),
  typed('7', 'int'),
  typed('1', 'int'),
  typed('2', 'decimal'),
  typed('2e0', 'double'),
  typed('-3.0', 'decimal'),
  typed('true', 'boolean'),
  typed('false', 'boolean'),
  typed('2024-01-15', 'date'),
  typed('2024-01-15T10:00:00Z', 'dateTime'),
  typed('abc', 'string'),
];

export const SUBJECTS = [0, 1, 2, 3, 4, 5].map((i) => `<${EX}s${i}>`);
export const PREDICATES = [0, 1, 2, 3].map((i) => `<${EX}p${i}>`);

export function generateDataset(seed: number): Dataset {
  const random = prng(seed);
  const pick = picker(random);
  const graphs = new Map<string, string[]>();
  const graphCount = 1 + Math.floor(random() * 3);
  for (let g = 0; g < graphCount; g++) {
    const blanks = [0, 1].map((i) => `_:g${g}b${i}`);
    const lines = new Set<string>();
    const size = 8 + Math.floor(random() * 20);
    while (lines.size < size) {
      const s = random() < 0.15 ? pick(blanks) : pick(SUBJECTS);
      const r = random();
      const o = r < 0.3 ? pick(SUBJECTS) : r < 0.38 ? pick(blanks) : pick(LITERALS);
      lines.add(`${s} ${pick(PREDICATES)} ${o} .`);
    }
    graphs.set(`${EX}g${g}`, [...lines]);
  }
  return { graphs };
}

/** The dataset as TriG, to print beside a mismatch. */
export const trigOf = (d: Dataset) => [...d.graphs].map(([g, lines]) => `<${g}> {\n  ${lines.join('\n  ')}\n}`).join('\n');
