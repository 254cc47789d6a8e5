/**
 * Rows of the analytical path as SPARQL 1.1 Query Results JSON, written as Oxigraph writes them
 * (same key order), so a client cannot tell which path answered.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { NS } from '../../vocab.js';
import type { Rep } from './expressions.js';
import { Kind, termRow } from './terms.js';
import { Unsupported } from './unsupported.js';

export const RESULT_FORMATS = ['application/sparql-results+json'] as const;

const XSD_INTEGER = NS.xsd('integer');

/** One term in SPARQL JSON, from its N-Triples form. */
function jsonTerm(nt: string): string {
  const r = termRow(nt);
  switch (r.kind) {
    case Kind.IRI:
      return `{"type":"uri","value":${JSON.stringify(r.lex)}}`;
    case Kind.BNODE:
      return `{"type":"bnode","value":${JSON.stringify(r.lex)}}`;
    case Kind.TRIPLE:
      throw new Unsupported('a quoted triple in the result');
    default:
      if (r.lang !== null) return `{"type":"literal","value":${JSON.stringify(r.lex)},"xml:lang":${JSON.stringify(r.lang)}}`;
      if (r.datatype === null) return `{"type":"literal","value":${JSON.stringify(r.lex)}}`;
      return `{"type":"literal","value":${JSON.stringify(r.lex)},"datatype":${JSON.stringify(r.datatype)}}`;
  }
}

export function askJson(answer: boolean): string {
  return `{"head":{},"boolean":${answer}}`;
}

/** SELECT rows (one value per column, in `columns` order) as SPARQL JSON; `terms` maps an id to its N-Triples form. */
export function selectJson(columns: { name: string; rep: Rep }[], rows: DuckDBValue[][], terms: readonly string[]): string {
  const memo = new Map<number, string>();
  const term = (id: number) => {
    let s = memo.get(id);
    if (s === undefined) {
      const nt = terms[id];
      if (nt === undefined) throw new Unsupported(`term ${id} is not in the dictionary`);
      s = jsonTerm(nt);
      if (memo.size < 100_000) memo.set(id, s);
    }
    return s;
  };
  const keys = columns.map((c) => `${JSON.stringify(c.name)}:`);
  const out: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (let i = 0; i < columns.length; i++) {
      const v = row[i];
      if (v === null || v === undefined) continue;
      const value = columns[i]?.rep === 'int' ? `{"type":"literal","value":"${String(v)}","datatype":"${XSD_INTEGER}"}` : term(Number(v));
      cells.push(keys[i] + value);
    }
    out.push(`{${cells.join(',')}}`);
  }
  return `{"head":{"vars":[${columns.map((c) => JSON.stringify(c.name)).join(',')}]},"results":{"bindings":[${out.join(',')}]}}`;
}
