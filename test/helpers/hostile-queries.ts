/** Query shapes that broke Oxigraph engines or blocked the HTTP thread (issue 11); shared by the limit, trap and fuzz tests. */

/** `SELECT * WHERE {{{ … }}}`, `depth` groups deep. */
export const nestedGroups = (depth: number) => `SELECT * WHERE ${'{'.repeat(depth)} ?s ?p ?o ${'}'.repeat(depth)}`;

/** One UNION of `branches` one-pattern groups; `compact`: empty groups, so 20,000 fit in the length limit. */
export const manyUnions = (branches: number, compact = false) =>
  `SELECT * WHERE { ${Array.from({ length: branches }, (_, i) => (compact ? '{}' : `{ ?s ?p ${i} }`)).join(compact ? 'UNION' : ' UNION ')} }`;

/** A FILTER of `operands` equalities joined by ||. */
export const manyOrs = (operands: number) => `SELECT * WHERE { ?s ?p ?o FILTER(${Array.from({ length: operands }, (_, i) => `?o=${i}`).join('||')}) }`;

/** A VALUES block of `rows` IRIs. */
export const manyValues = (rows: number) =>
  `SELECT * WHERE { VALUES ?s { ${Array.from({ length: rows }, (_, i) => `<http://ex.org/v${i}>`).join(' ')} } ?s ?p ?o }`;

/** One basic graph pattern of `n` triple patterns. */
export const manyTriples = (n: number) => `SELECT * WHERE { ${Array.from({ length: n }, (_, i) => `?s <http://ex.org/p${i}> ?o${i} .`).join(' ')} }`;

/** A GraphQL-LD query selecting `n` sibling fields (aliases of title). */
export const manyGraphqlFields = (n: number) => `{ id @single ${Array.from({ length: n }, (_, i) => `t${i}: title @single`).join(' ')} }`;
