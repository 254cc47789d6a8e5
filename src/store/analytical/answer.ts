/**
 * Answers one SELECT/ASK query on the analytical copy, or says why it cannot (`Unsupported`):
 * translation refused it, or a row met a case the SQL leaves to Oxigraph (`raise`).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalyticalCopy } from './copy.js';
import { askJson, selectJson } from './results.js';
import { type SqlQuery, type TranslateOptions, toSql } from './translate.js';
import { Unsupported } from './unsupported.js';

export function translateFor(copy: AnalyticalCopy, text: string, options: TranslateOptions = {}): SqlQuery {
  return toSql(text, (nt) => copy.idOf(nt), options);
}

/** Runs a translated query; a DuckDB error (a raised case, an overflow) means Oxigraph must answer. */
export async function runSql(copy: AnalyticalCopy, q: SqlQuery, connection?: DuckDBConnection): Promise<string> {
  let rows: Awaited<ReturnType<AnalyticalCopy['rows']>>;
  try {
    rows = await copy.rows(q.sql, connection);
  } catch (e) {
    throw new Unsupported(`DuckDB stopped: ${(e as Error).message.split('\n')[0]}`);
  }
  if (q.form === 'ASK') return askJson(rows[0]?.[0] === true);
  return selectJson(q.columns, rows, copy.terms);
}

export async function answer(copy: AnalyticalCopy, text: string, options: TranslateOptions = {}): Promise<string> {
  return runSql(copy, translateFor(copy, text, options));
}
