/**
 * RDF terms as the analytical copy keeps them: one row per distinct term in N-Triples form,
 * classified once so SQL can apply SPARQL's rules by kind (term equality, numeric promotion,
 * string functions) without re-parsing. Only the canonical form the journal writes is read
 * (src/rdf/nquads.ts: lower-case language tags, xsd:string as a simple literal).
 */
import oxigraph from 'oxigraph';
import { PREFIXES } from '../../vocab.js';

/** How SQL treats a term. Comparisons the translator cannot reproduce exactly raise at run time (see expressions.ts). */
export const Kind = {
  IRI: 0,
  BNODE: 1,
  /** Simple literal (xsd:string is written as one). */
  STRING: 2,
  LANG: 3,
  /** A numeric literal whose value a DOUBLE holds exactly (integers up to 2^53, decimals with up to 15 digits, floats, doubles). */
  NUMBER: 4,
  BOOLEAN: 5,
  /** Any other literal, and ill-typed numeric literals. */
  OTHER: 6,
  /** Quoted triple (RDF-star). */
  TRIPLE: 7,
  /** A numeric literal a DOUBLE does not hold exactly (NaN, long decimals, huge integers): numeric operators on it are left to Oxigraph. */
  INEXACT_NUMBER: 8,
} as const;
export type TermKind = (typeof Kind)[keyof typeof Kind];

const XSD = PREFIXES.xsd;

/** Numeric type ranks of SPARQL's promotion (integer < decimal < float < double). */
export const NumType = { INTEGER: 0, DECIMAL: 1, FLOAT: 2, DOUBLE: 3 } as const;

const INTEGER_TYPES = [
  'integer',
  'int',
  'long',
  'short',
  'byte',
  'nonNegativeInteger',
  'nonPositiveInteger',
  'negativeInteger',
  'positiveInteger',
  'unsignedLong',
  'unsignedInt',
  'unsignedShort',
  'unsignedByte',
];
const NUMERIC_TYPES = new Map<string, number>([
  ...INTEGER_TYPES.map((t) => [`${XSD}${t}`, NumType.INTEGER] as [string, number]),
  [`${XSD}decimal`, NumType.DECIMAL],
  [`${XSD}float`, NumType.FLOAT],
  [`${XSD}double`, NumType.DOUBLE],
]);

export interface TermRow {
  kind: TermKind;
  /** IRI, blank node label, or the literal's (unescaped) lexical form. */
  lex: string;
  datatype: string | null;
  lang: string | null;
  /** Numeric value (NUMBER) or 0/1 (BOOLEAN). */
  num: number | null;
  /** Numeric type rank (NUMBER). */
  numType: number | null;
}

const ESCAPES: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

function unescapeLiteral(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e: string) =>
    e.length > 1 ? String.fromCodePoint(Number.parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e),
  );
}

const INTEGER_LEX = /^[+-]?\d+$/;
const DECIMAL_LEX = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DOUBLE_LEX = /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/;

/** The value of a numeric literal if it is well-formed and a DOUBLE holds it exactly, else undefined. */
function exactNumber(lex: string, numType: number): number | undefined {
  if (numType === NumType.INTEGER) {
    if (!INTEGER_LEX.test(lex)) return undefined;
    const n = Number(lex);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (numType === NumType.DECIMAL) {
    if (!DECIMAL_LEX.test(lex)) return undefined;
    // 15 significant digits always round-trip through a double.
    return lex.replace(/[^0-9]/g, '').replace(/^0+/, '').length <= 15 ? Number(lex) : undefined;
  }
  if (!DOUBLE_LEX.test(lex) || lex === 'NaN') return undefined;
  const n = lex.endsWith('INF') ? (lex.startsWith('-') ? -Infinity : Infinity) : Number(lex);
  // A float is a float: the double of its lexical form may not be the float's value.
  return numType === NumType.FLOAT && Math.fround(n) !== n ? undefined : n;
}

/** Classifies one term given in N-Triples form. */
export function termRow(nt: string): TermRow {
  const c = nt.charCodeAt(0);
  if (c === 0x3c /* < */) {
    if (nt.startsWith('<<')) return { kind: Kind.TRIPLE, lex: nt, datatype: null, lang: null, num: null, numType: null };
    return { kind: Kind.IRI, lex: nt.slice(1, -1), datatype: null, lang: null, num: null, numType: null };
  }
  if (c === 0x5f /* _ */) return { kind: Kind.BNODE, lex: nt.slice(2), datatype: null, lang: null, num: null, numType: null };
  const q = nt.lastIndexOf('"');
  const lex = unescapeLiteral(nt.slice(1, q));
  if (q === nt.length - 1) return { kind: Kind.STRING, lex, datatype: null, lang: null, num: null, numType: null };
  if (nt.charCodeAt(q + 1) === 0x40 /* @ */) return { kind: Kind.LANG, lex, datatype: null, lang: nt.slice(q + 2), num: null, numType: null };
  const datatype = nt.slice(q + 4, -1);
  const numType = NUMERIC_TYPES.get(datatype);
  if (numType !== undefined) {
    const num = exactNumber(lex, numType);
    if (num !== undefined) return { kind: Kind.NUMBER, lex, datatype, lang: null, num, numType };
    // Well-formed but not exact: numeric operators go to Oxigraph; ill-typed: an ordinary other literal.
    const wellFormed = (numType === NumType.INTEGER ? INTEGER_LEX : numType === NumType.DECIMAL ? DECIMAL_LEX : DOUBLE_LEX).test(lex);
    return { kind: wellFormed ? Kind.INEXACT_NUMBER : Kind.OTHER, lex, datatype, lang: null, num: null, numType: null };
  }
  if (datatype === `${XSD}boolean` && (lex === 'true' || lex === 'false')) {
    return { kind: Kind.BOOLEAN, lex, datatype, lang: null, num: lex === 'true' ? 1 : 0, numType: null };
  }
  return { kind: Kind.OTHER, lex, datatype, lang: null, num: null, numType: null };
}

/**
 * Splits a journal line ("s p o", no graph, no dot) into its three terms. Subjects and predicates
 * hold no space unless they are quoted triples; the object is the rest of the line.
 */
export function splitTriple(line: string): [string, string, string] {
  const i = line.startsWith('<<') ? termEnd(line, 0) : line.indexOf(' ');
  const j = line.indexOf(' ', i + 1);
  return [line.slice(0, i), line.slice(i + 1, j), line.slice(j + 1)];
}

/** Where one term of an N-Triples line ends (exclusive), the term starting at `from`. */
export function termEnd(line: string, from: number): number {
  const c = line[from];
  if (c === '<' && line[from + 1] === '<') {
    let depth = 0;
    for (let k = from; k < line.length; k++) {
      if (line[k] === '"') k = stringEnd(line, k) - 1;
      else if (line[k] === '<' && line[k + 1] === '<') {
        depth++;
        k++;
      } else if (line[k] === '>' && line[k + 1] === '>' && --depth === 0) return k + 2;
      else if (line[k] === '>' && line[k + 1] === '>') k++;
    }
    return line.length;
  }
  if (c === '<') return line.indexOf('>', from) + 1;
  if (c === '"') {
    const q = stringEnd(line, from);
    if (line[q] === '@' || line[q] === '^') {
      const sp = line.indexOf(' ', q);
      return sp < 0 ? line.length : sp;
    }
    return q;
  }
  const sp = line.indexOf(' ', from);
  return sp < 0 ? line.length : sp;
}

/** Just after the closing quote of the string literal opening at `from`. */
function stringEnd(line: string, from: number): number {
  for (let k = from + 1; k < line.length; k++) {
    if (line[k] === '\\') k++;
    else if (line[k] === '"') return k + 1;
  }
  return line.length;
}

/** A scratch Oxigraph store: the authority on how Oxigraph writes a typed literal it has read. */
let scratch: oxigraph.Store | undefined;
const SCRATCH_S = oxigraph.namedNode('urn:libkg:analytical:s');

/**
 * A term in the form Oxigraph keeps and writes it: XSD-typed literals are stored by value there
 * ("01"^^xsd:int is "1"^^xsd:integer, "1.0"^^xsd:decimal is "1"), so the copy must hold the same
 * terms for joins, DISTINCT and results to agree. Other terms are already canonical in the journal.
 */
export function canonicalTerm(nt: string): string {
  if (nt.charCodeAt(0) !== 0x22 /* " */ || !nt.endsWith('>')) return nt;
  const q = nt.lastIndexOf('"');
  const datatype = nt.slice(q + 4, -1);
  if (!datatype.startsWith(XSD) || datatype === `${XSD}string`) return nt;
  scratch ??= new oxigraph.Store();
  const lex = unescapeLiteral(nt.slice(1, q));
  const quad = oxigraph.quad(SCRATCH_S, SCRATCH_S, oxigraph.literal(lex, oxigraph.namedNode(datatype)));
  scratch.add(quad);
  const [back] = scratch.match(SCRATCH_S, SCRATCH_S, null, null);
  scratch.delete(quad);
  if (back) scratch.delete(back);
  const o = back?.object;
  if (o?.termType !== 'Literal') return nt;
  return o.value === lex && o.datatype.value === datatype ? nt : o.toString();
}
