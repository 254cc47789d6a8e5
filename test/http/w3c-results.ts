/**
 * Result-set comparison for W3C SPARQL evaluation tests: expected results in the
 * `rs:` vocabulary (Turtle), actual ones as SPARQL JSON, compared as multisets of
 * rows with blank nodes matched by a consistent one-to-one renaming.
 */
import { readFileSync } from 'node:fs';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';

const RS = 'http://www.w3.org/2001/sw/DataAccess/tests/result-set#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/** One solution: variable → term in N-Triples form (blank nodes as `_:label`). */
export type Row = Record<string, string>;

const lit = (value: string, lang?: string, datatype?: string) =>
  `${JSON.stringify(value)}${lang ? `@${lang.toLowerCase()}` : datatype && datatype !== XSD_STRING ? `^^<${datatype}>` : ''}`;

function termNt(t: RDF.Term): string {
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.termType === 'Literal') return lit(t.value, t.language, t.datatype.value);
  throw new Error(`unexpected term ${t.termType}`);
}

/** Expected rows from an `rs:ResultSet` file; relative IRIs resolve against `baseIri`. */
export function expectedRows(file: string, baseIri: string): { vars: string[]; rows: Row[] } {
  const store = new N3.Store(new N3.Parser({ baseIRI: baseIri }).parse(readFileSync(file, 'utf8')));
  const set = store.getSubjects(RDF_TYPE, `${RS}ResultSet`, null)[0] as RDF.Term;
  const vars = store.getObjects(set, `${RS}resultVariable`, null).map((v) => v.value);
  const rows = store.getObjects(set, `${RS}solution`, null).map((sol) => {
    const row: Row = {};
    for (const b of store.getObjects(sol, `${RS}binding`, null)) {
      const name = store.getObjects(b, `${RS}variable`, null)[0]?.value as string;
      row[name] = termNt(store.getObjects(b, `${RS}value`, null)[0] as RDF.Term);
    }
    return row;
  });
  return { vars, rows };
}

type JsonTerm = { type: string; value: string; 'xml:lang'?: string; datatype?: string };

/** Rows of a SPARQL JSON result. */
export function jsonRows(body: string): { vars: string[]; rows: Row[] } {
  const json = JSON.parse(body) as { head: { vars: string[] }; results: { bindings: Record<string, JsonTerm>[] } };
  const rows = json.results.bindings.map((b) => {
    const row: Row = {};
    for (const [k, t] of Object.entries(b)) {
      row[k] = t.type === 'uri' ? `<${t.value}>` : t.type === 'bnode' ? `_:${t.value}` : lit(t.value, t['xml:lang'], t.datatype);
    }
    return row;
  });
  return { vars: json.head.vars, rows };
}

const isBlank = (t: string | undefined) => t?.startsWith('_:') ?? false;

/** True when both multisets of rows are equal up to a one-to-one renaming of blank nodes. */
export function sameRows(expected: Row[], actual: Row[]): boolean {
  if (expected.length !== actual.length) return false;
  const used = new Array<boolean>(actual.length).fill(false);
  const fwd = new Map<string, string>();
  const back = new Map<string, string>();
  const match = (e: Row, a: Row): string[] | undefined => {
    const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
    const added: string[] = [];
    for (const k of keys) {
      const x = e[k];
      const y = a[k];
      if (isBlank(x) && isBlank(y)) {
        const m = fwd.get(x as string);
        const n = back.get(y as string);
        if (m === undefined && n === undefined) {
          fwd.set(x as string, y as string);
          back.set(y as string, x as string);
          added.push(x as string);
        } else if (m !== y || n !== x) {
          for (const b of added) {
            back.delete(fwd.get(b) as string);
            fwd.delete(b);
          }
          return undefined;
        }
      } else if (x !== y) {
        for (const b of added) {
          back.delete(fwd.get(b) as string);
          fwd.delete(b);
        }
        return undefined;
      }
    }
    return added;
  };
  const step = (i: number): boolean => {
    if (i === expected.length) return true;
    for (let j = 0; j < actual.length; j++) {
      if (used[j]) continue;
      const added = match(expected[i] as Row, actual[j] as Row);
      if (!added) continue;
      used[j] = true;
      if (step(i + 1)) return true;
      used[j] = false;
      for (const b of added) {
        back.delete(fwd.get(b) as string);
        fwd.delete(b);
      }
    }
    return false;
  };
  return step(0);
}
