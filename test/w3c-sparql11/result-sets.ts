/**
 * Query results as one comparable shape, read from every format the W3C suite
 * uses for expected results (.srx, .srj, .tsv, .csv, .ttl) and libkg answers in.
 * Rows are terms in N-Triples form (test/http/w3c-results.ts); numeric literals
 * get their datatype's canonical lexical form, since the spec compares those by value
 * ("01"^^xsd:integer and "1"^^xsd:integer are the same answer).
 */
import { readFileSync } from 'node:fs';
import type * as RDF from '@rdfjs/types';
import { parse as parseCsv } from 'csv-parse/sync';
import N3 from 'n3';
import { SaxesParser } from 'saxes';
import { expectedRows, jsonRows, type Row } from '../http/w3c-results.js';

export type Answer =
  | { kind: 'bindings'; vars: string[]; rows: Row[] }
  | { kind: 'boolean'; value: boolean }
  /** CSV loses term types: every cell is a plain string, blank nodes `_:label`. */
  | { kind: 'csv'; vars: string[]; rows: Row[] }
  | { kind: 'graph'; quads: RDF.Quad[] };

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RS = 'http://www.w3.org/2001/sw/DataAccess/tests/result-set#';

const lit = (value: string, lang?: string, datatype?: string) =>
  `${JSON.stringify(value)}${lang ? `@${lang.toLowerCase()}` : datatype && datatype !== `${XSD}string` ? `^^<${datatype}>` : ''}`;

function canonicalDecimal(lex: string): string | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(lex);
  if (!m || (m[2] === '' && !m[3])) return undefined;
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '') || '0';
  const zero = /^0$/.test(int) && frac === '0';
  return `${m[1] === '-' && !zero ? '-' : ''}${int}.${frac}`;
}

function canonicalFloating(lex: string, single: boolean): string | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(lex)) return undefined;
  const n = single ? Math.fround(Number(lex)) : Number(lex);
  return Number.isFinite(n) ? n.toExponential() : undefined;
}

const INTEGERS = ['integer', 'int', 'long', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger', 'nonPositiveInteger', 'negativeInteger'];

/** The canonical lexical form of a numeric literal of a valid lexical form, else the form as given. */
export function canonicalNumber(lex: string, datatype: string): string {
  const local = datatype.startsWith(XSD) ? datatype.slice(XSD.length) : '';
  let canon: string | undefined;
  if (INTEGERS.includes(local) || local.startsWith('unsigned')) canon = /^[+-]?\d+$/.test(lex) ? BigInt(lex).toString() : undefined;
  else if (local === 'decimal') canon = canonicalDecimal(lex);
  else if (local === 'double' || local === 'float') canon = canonicalFloating(lex, local === 'float');
  return canon ?? lex;
}

/** A row's terms with numeric literals canonical (terms are N-Triples: `"lex"^^<datatype>`). */
export function canonicalRow(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    const m = /^("(?:[^"\\]|\\.)*")\^\^<([^>]+)>$/.exec(v);
    out[k] = m ? lit(canonicalNumber(JSON.parse(m[1] as string), m[2] as string), undefined, m[2]) : v;
  }
  return out;
}

function srx(text: string): Answer {
  const vars: string[] = [];
  const rows: Row[] = [];
  let boolean: boolean | undefined;
  let row: Row | undefined;
  let name = '';
  let term: { type: string; lang?: string; datatype?: string; text: string } | undefined;
  let inBoolean = false;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const attr = (a: string) => (tag.attributes[a] as string | undefined) ?? undefined;
    if (tag.name === 'variable') vars.push(attr('name') ?? '');
    else if (tag.name === 'result') row = {};
    else if (tag.name === 'binding') name = attr('name') ?? '';
    else if (tag.name === 'uri' || tag.name === 'bnode' || tag.name === 'literal')
      term = { type: tag.name, lang: attr('xml:lang'), datatype: attr('datatype'), text: '' };
    else if (tag.name === 'boolean') inBoolean = true;
  });
  parser.on('text', (t) => {
    if (term) term.text += t;
    else if (inBoolean) boolean = t.trim() === 'true';
  });
  parser.on('closetag', (tag) => {
    if (term && tag.name === term.type && row) {
      row[name] = term.type === 'uri' ? `<${term.text}>` : term.type === 'bnode' ? `_:${term.text}` : lit(term.text, term.lang, term.datatype);
      term = undefined;
    } else if (tag.name === 'result' && row) {
      rows.push(row);
      row = undefined;
    } else if (tag.name === 'boolean') inBoolean = false;
  });
  parser.write(text).close();
  return boolean === undefined ? { kind: 'bindings', vars, rows } : { kind: 'boolean', value: boolean };
}

/** A TSV cell is a term in Turtle syntax (bare numbers included). */
function tsvTerm(cell: string): string {
  const q = new N3.Parser().parse(`<urn:s> <urn:p> ${cell} .`)[0] as RDF.Quad;
  const o = q.object;
  if (o.termType === 'NamedNode') return `<${o.value}>`;
  if (o.termType === 'BlankNode') return `_:${cell.slice(2)}`;
  return lit(o.value, (o as RDF.Literal).language, (o as RDF.Literal).datatype.value);
}

function tsv(text: string): Answer {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  const vars = (lines[0] ?? '').split('\t').map((v) => v.replace(/^\?/, ''));
  const rows = lines.slice(1).map((line) => {
    const row: Row = {};
    line.split('\t').forEach((cell, i) => {
      if (cell !== '') row[vars[i] as string] = tsvTerm(cell);
    });
    return row;
  });
  return { kind: 'bindings', vars, rows };
}

function csv(text: string): Answer {
  const [head, ...records] = parseCsv(text, { relax_column_count: true }) as string[][];
  const vars = head ?? [];
  const rows = records.map((r) => {
    const row: Row = {};
    r.forEach((cell, i) => {
      if (cell !== '') row[vars[i] as string] = cell.startsWith('_:') ? cell : JSON.stringify(cell);
    });
    return row;
  });
  return { kind: 'csv', vars, rows };
}

function turtle(text: string, path: string, baseIri: string): Answer {
  const quads = new N3.Parser({ baseIRI: baseIri }).parse(text);
  const bool = quads.find((q) => q.predicate.value === `${RS}boolean`);
  if (bool) return { kind: 'boolean', value: bool.object.value === 'true' };
  if (quads.some((q) => q.object.value === `${RS}ResultSet`)) {
    const { vars, rows } = expectedRows(path, baseIri);
    const index = new Map<Row, number>();
    // rs:index orders the solutions of ordered results; expectedRows keeps no order.
    const store = new N3.Store(quads);
    store.getObjects(null, `${RS}solution`, null).forEach((sol, i) => {
      const at = store.getObjects(sol, `${RS}index`, null)[0];
      if (rows[i]) index.set(rows[i] as Row, at ? Number(at.value) : i);
    });
    return { kind: 'bindings', vars, rows: [...rows].sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0)) };
  }
  return { kind: 'graph', quads };
}

/** An answer from its text and the result file's name or the response's media type. */
export function readAnswer(text: string, format: string, baseIri: string, path = ''): Answer {
  if (/srx|xml/.test(format)) return srx(text);
  if (/srj|json/.test(format)) {
    const json = JSON.parse(text) as { boolean?: boolean };
    return typeof json.boolean === 'boolean' ? { kind: 'boolean', value: json.boolean } : { kind: 'bindings', ...jsonRows(text) };
  }
  if (/tsv|tab-separated/.test(format)) return tsv(text);
  if (/csv/.test(format)) return csv(text);
  if (/ttl/.test(format)) return turtle(text, path, baseIri);
  return { kind: 'graph', quads: new N3.Parser({ baseIRI: baseIri }).parse(text) };
}

/** The expected answer of a test, from its result file. */
export const expectedAnswer = (path: string, iri: string): Answer => readAnswer(readFileSync(path, 'utf8'), path.split('.').pop() ?? '', iri, path);
