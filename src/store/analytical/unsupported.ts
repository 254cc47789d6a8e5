/** A query (or a part of one) the analytical path cannot answer exactly: Oxigraph answers it. */
export class Unsupported extends Error {
  override readonly name = 'Unsupported';
}

export const unsupported = (why: string): never => {
  throw new Unsupported(why);
};

/**
 * SQL that raises when evaluated: for a case whose SPARQL answer the translation cannot reproduce
 * (a comparison of dates, NaN, non-ASCII case folding). DuckDB evaluates CASE branches lazily, so it
 * raises only when such a row is met, and the query then goes to Oxigraph.
 */
export const raise = (why: string): string => `error('analytical: ${why.replace(/'/g, "''")}')`;

/** A SQL string literal. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The column of a variable in every relation the translator writes. */
export const col = (name: string): string => `"v_${name.replace(/"/g, '""')}"`;
