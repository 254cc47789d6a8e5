/**
 * SPARQL's solution-sequence operators as SQL over the `quads` and `terms` tables. A relation is a
 * SQL query with one column per variable (a term id, NULL when unbound); `maybe` are the variables
 * some rows leave unbound, which joins must treat as compatible with anything (SPARQL 18.5).
 */
import type * as RDF from '@rdfjs/types';
import type { Algebra } from 'sparqlalgebrajs';
import { termToNt } from '../../rdf/nquads.js';
import { condition, type ExpressionScope, type Rep } from './expressions.js';
import { col, unsupported } from './unsupported.js';

export interface Relation {
  sql: string;
  vars: Map<string, Rep>;
  maybe: Set<string>;
  /** ORDER BY keys over hidden columns of `sql`, applied by the slice or the query above it. */
  order?: string[];
}

/** The graphs a pattern reads: the default graph (the dataset's), one named graph, or a variable over the named graphs. */
export type GraphContext = { kind: 'default' } | { kind: 'named'; id: number } | { kind: 'var'; name: string };

export interface Dataset {
  /** Graph ids of the default graph; undefined: the union of all graphs (libkg's default). */
  defaultGraphs?: number[];
  /** Graph ids GRAPH may range over; undefined: every named graph. */
  namedGraphs?: number[];
}

export interface Translation {
  idOf(nt: string): number | undefined;
  dataset: Dataset;
  /** Unique alias names within one query. */
  alias(prefix: string): string;
}

const sqlType = (rep: Rep) => (rep === 'int' ? 'BIGINT' : 'INTEGER');
const nullOf = (rep: Rep) => `NULL::${sqlType(rep)}`;
export const EMPTY = (vars: Map<string, Rep>) => `SELECT ${[...vars].map(([v, r]) => `${nullOf(r)} AS ${col(v)}`).join(', ') || '1 AS __unit'} WHERE FALSE`;
const ONE_ROW = 'SELECT 1 AS __unit';

/** A variable's column as `alias.col`, or each relation's column list for SELECT. */
const selectList = (parts: string[]) => (parts.length ? parts.join(', ') : '1 AS __unit');

/** A basic graph pattern: one `quads` alias per triple pattern, joined on shared variables. */
export function bgp(patterns: Algebra.Pattern[], graph: GraphContext, t: Translation): Relation {
  const vars = new Map<string, Rep>();
  const first = new Map<string, string>();
  const where: string[] = [];
  const from: string[] = [];
  const bind = (name: string, ref: string) => {
    const seen = first.get(name);
    if (seen) where.push(`${ref} = ${seen}`);
    else {
      first.set(name, ref);
      vars.set(name, 'id');
    }
  };
  const constant = (term: RDF.Term, ref: string) => {
    if (term.termType === 'Quad') unsupported('quoted triple patterns');
    where.push(`${ref} = ${t.idOf(termToNt(term)) ?? -1}`);
  };
  const graphCondition = (ref: string) => {
    const { defaultGraphs, namedGraphs } = t.dataset;
    if (graph.kind === 'default') {
      if (defaultGraphs) where.push(defaultGraphs.length ? `${ref} IN (${defaultGraphs.join(', ')})` : 'FALSE');
    } else {
      if (namedGraphs) where.push(namedGraphs.length ? `${ref} IN (${namedGraphs.join(', ')})` : 'FALSE');
      else where.push(`${ref} <> 0`);
      if (graph.kind === 'named') where.push(`${ref} = ${graph.id}`);
      else bind(graph.name, ref);
    }
  };
  if (!patterns.length) {
    if (graph.kind !== 'var') return { sql: ONE_ROW, vars, maybe: new Set() };
    // GRAPH ?g {}: the named graphs that hold something.
    const q = t.alias('q');
    graphCondition(`${q}.g`);
    return { sql: `SELECT DISTINCT ${q}.g AS ${col(graph.name)} FROM quads ${q} WHERE ${where.join(' AND ')}`, vars, maybe: new Set() };
  }
  for (const p of patterns) {
    const q = t.alias('q');
    from.push(`quads ${q}`);
    for (const [pos, term] of [
      ['s', p.subject],
      ['p', p.predicate],
      ['o', p.object],
    ] as const) {
      const ref = `${q}.${pos}`;
      if (term.termType === 'Variable') bind(term.value, ref);
      else if (term.termType === 'BlankNode') bind(`_bnode_${term.value}`, ref);
      else constant(term, ref);
    }
    graphCondition(`${q}.g`);
  }
  const select = [...first].map(([v, ref]) => `${ref} AS ${col(v)}`);
  return { sql: `SELECT ${selectList(select)} FROM ${from.join(', ')}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, vars, maybe: new Set() };
}

/** Shared variables of two relations: the join condition (compatible mappings) and the merged columns. */
function compatible(a: Relation, b: Relation, x: string, y: string): { on: string[]; columns: string[]; vars: Map<string, Rep>; maybe: Set<string> } {
  const on: string[] = [];
  const columns: string[] = [];
  const vars = new Map<string, Rep>();
  const maybe = new Set<string>();
  for (const [v, rep] of a.vars) {
    const other = b.vars.get(v);
    vars.set(v, rep);
    if (other === undefined) {
      columns.push(`${x}.${col(v)} AS ${col(v)}`);
      if (a.maybe.has(v)) maybe.add(v);
      continue;
    }
    if (other !== rep) unsupported(`variable ?${v} joins a computed number with a term`);
    const loose = a.maybe.has(v) || b.maybe.has(v);
    on.push(loose ? `(${x}.${col(v)} IS NULL OR ${y}.${col(v)} IS NULL OR ${x}.${col(v)} = ${y}.${col(v)})` : `${x}.${col(v)} = ${y}.${col(v)}`);
    columns.push(loose ? `coalesce(${x}.${col(v)}, ${y}.${col(v)}) AS ${col(v)}` : `${x}.${col(v)} AS ${col(v)}`);
    if (a.maybe.has(v) && b.maybe.has(v)) maybe.add(v);
  }
  for (const [v, rep] of b.vars) {
    if (a.vars.has(v)) continue;
    vars.set(v, rep);
    columns.push(`${y}.${col(v)} AS ${col(v)}`);
    if (b.maybe.has(v)) maybe.add(v);
  }
  return { on, columns, vars, maybe };
}

export function join(a: Relation, b: Relation, t: Translation): Relation {
  const [x, y] = [t.alias('a'), t.alias('b')];
  const c = compatible(a, b, x, y);
  const on = c.on.length ? c.on.join(' AND ') : 'TRUE';
  return { sql: `SELECT ${selectList(c.columns)} FROM (${a.sql}) ${x} JOIN (${b.sql}) ${y} ON ${on}`, vars: c.vars, maybe: c.maybe };
}

/** OPTIONAL: a left outer join whose condition is compatibility and the filter (SPARQL's LeftJoin is exactly that). */
export function leftJoin(a: Relation, b: Relation, expression: Algebra.Expression | undefined, t: Translation): Relation {
  const [x, y] = [t.alias('a'), t.alias('b')];
  const c = compatible(a, b, x, y);
  for (const v of b.vars.keys()) if (!a.vars.has(v) || a.maybe.has(v)) c.maybe.add(v);
  const on = [...c.on];
  // A filter over variables the optional side always binds sees the same values before the join.
  if (expression && variablesOf(expression).every((v) => b.vars.has(v) && !b.maybe.has(v))) {
    return leftJoin(a, filter(b, expression, t), undefined, t);
  }
  if (!expression) {
    const sql = `SELECT ${selectList(c.columns)} FROM (${a.sql}) ${x} LEFT JOIN (${b.sql}) ${y} ON ${on.length ? on.join(' AND ') : 'TRUE'}`;
    return { sql, vars: c.vars, maybe: c.maybe };
  }
  // A filter over both sides: the filtered join, plus each left row (numbered) that kept no partner.
  const [left, kept] = [t.alias('left'), t.alias('kept')];
  // `?u = ?v` across the sides, as a conjunct of the filter, implies equal `ekey`s: a hash join instead of a product.
  let [aSql, bSql] = [a.sql, b.sql];
  equalities(expression).forEach(([u, v], i) => {
    const [au, bv] = a.vars.get(u) === 'id' && b.vars.get(v) === 'id' && !b.vars.has(u) && !a.vars.has(v) ? [u, v] : [v, u];
    if (a.vars.get(au) !== 'id' || b.vars.get(bv) !== 'id' || b.vars.has(au) || a.vars.has(bv)) return;
    aSql = withKey(aSql, au, `__k${i}`, t);
    bSql = withKey(bSql, bv, `__k${i}`, t);
    on.push(`${x}.__k${i} = ${y}.__k${i}`);
  });
  const joined: Relation = {
    sql: `SELECT ${x}.__rn, ${selectList(c.columns)} FROM ${left} ${x} JOIN (${bSql}) ${y} ON ${on.length ? on.join(' AND ') : 'TRUE'}`,
    vars: c.vars,
    maybe: c.maybe,
  };
  const cols = [...c.vars].map(([v, rep]) => (a.vars.has(v) ? col(v) : `${nullOf(rep)} AS ${col(v)}`));
  const names = [...c.vars.keys()].map(col);
  const sql = [
    `WITH ${left} AS MATERIALIZED (SELECT row_number() OVER () AS __rn, * FROM (${aSql})),`,
    `${kept} AS MATERIALIZED (${filter(joined, expression, t).sql})`,
    `SELECT ${selectList(names)} FROM ${kept} UNION ALL SELECT ${selectList(cols)} FROM ${left} WHERE __rn NOT IN (SELECT __rn FROM ${kept})`,
  ].join(' ');
  return { sql, vars: c.vars, maybe: c.maybe };
}

/** `?u = ?v` conjuncts at the top of a filter (under && only). */
function equalities(e: Algebra.Expression): [string, string][] {
  if (e.expressionType !== 'operator') return [];
  const op = e as Algebra.OperatorExpression;
  if (op.operator === '&&') return op.args.flatMap(equalities);
  if (op.operator !== '=') return [];
  const [u, v] = op.args.map((x) => (x as Algebra.TermExpression).term);
  return u?.termType === 'Variable' && v?.termType === 'Variable' ? [[u.value, v.value]] : [];
}

/** The relation with the `ekey` of a variable's term as a column. */
function withKey(sql: string, v: string, key: string, t: Translation): string {
  const [r, k] = [t.alias('r'), t.alias('k')];
  return `SELECT ${r}.*, ${k}.ekey AS ${key} FROM (${sql}) ${r} LEFT JOIN terms ${k} ON ${k}.id = ${r}.${col(v)}`;
}

/** The variables an expression mentions. */
export function variablesOf(e: Algebra.Expression): string[] {
  if (e.expressionType === 'term') {
    const term = (e as Algebra.TermExpression).term;
    return term.termType === 'Variable' ? [term.value] : [];
  }
  if (e.expressionType === 'operator') return (e as Algebra.OperatorExpression).args.flatMap(variablesOf);
  if (e.expressionType === 'aggregate') return variablesOf((e as Algebra.AggregateExpression).expression);
  return unsupported(`${e.expressionType} expression`);
}

export function union(a: Relation, b: Relation): Relation {
  const vars = new Map(a.vars);
  for (const [v, rep] of b.vars) {
    if (vars.has(v) && vars.get(v) !== rep) unsupported(`variable ?${v} is a computed number in one branch of UNION only`);
    vars.set(v, rep);
  }
  const maybe = new Set([...a.maybe, ...b.maybe]);
  for (const v of vars.keys()) if (!a.vars.has(v) || !b.vars.has(v)) maybe.add(v);
  const side = (r: Relation) => `SELECT ${selectList([...vars].map(([v, rep]) => (r.vars.has(v) ? col(v) : `${nullOf(rep)} AS ${col(v)}`)))} FROM (${r.sql})`;
  return { sql: `${side(a)} UNION ALL ${side(b)}`, vars, maybe };
}

/** MINUS: rows of `a` with no compatible row of `b` that shares a bound variable with it. */
export function minus(a: Relation, b: Relation, t: Translation): Relation {
  const shared = [...a.vars.keys()].filter((v) => b.vars.has(v));
  if (!shared.length) return a;
  const [x, y] = [t.alias('a'), t.alias('b')];
  const c = compatible(a, b, x, y);
  const overlap = shared.map((v) => `(${x}.${col(v)} IS NOT NULL AND ${y}.${col(v)} IS NOT NULL)`).join(' OR ');
  const columns = [...a.vars.keys()].map((v) => `${x}.${col(v)} AS ${col(v)}`);
  return {
    sql: `SELECT ${selectList(columns)} FROM (${a.sql}) ${x} WHERE NOT EXISTS (SELECT 1 FROM (${b.sql}) ${y} WHERE ${[...c.on, `(${overlap})`].join(' AND ')})`,
    vars: a.vars,
    maybe: a.maybe,
  };
}

/** Rows of a relation where an expression is true; the terms it looks at are joined once per variable. */
export function filter(a: Relation, expression: Algebra.Expression, t: Translation): Relation {
  const r = t.alias('r');
  const joins = new Map<string, string>();
  const scope: ExpressionScope = {
    variable: (v) => {
      const rep = a.vars.get(v);
      return rep ? { column: `${r}.${col(v)}`, rep } : undefined;
    },
    termsOf: (v) => {
      let alias = joins.get(v);
      if (!alias) joins.set(v, (alias = t.alias('t')));
      return alias;
    },
    idOf: t.idOf,
  };
  const cond = condition(expression, scope);
  const terms = [...joins].map(([v, alias]) => ` LEFT JOIN terms ${alias} ON ${alias}.id = ${r}.${col(v)}`).join('');
  return { ...a, sql: `SELECT ${r}.* FROM (${a.sql}) ${r}${terms} WHERE ${cond}`, order: undefined };
}

export function values(op: Algebra.Values, t: Translation): Relation {
  const names = op.variables.map((v) => v.value);
  const vars = new Map<string, Rep>(names.map((n) => [n, 'id']));
  const maybe = new Set<string>();
  if (!op.bindings.length) return { sql: EMPTY(vars), vars, maybe };
  const rows = op.bindings.map((b) => {
    const cells = names.map((n) => {
      const term = b[`?${n}`] ?? b[n];
      if (!term) {
        maybe.add(n);
        return 'NULL::INTEGER';
      }
      const id = t.idOf(termToNt(term));
      if (id === undefined) unsupported(`VALUES holds a term the data does not (${termToNt(term)})`);
      return `${id}::INTEGER`;
    });
    return `(${cells.length ? cells.join(', ') : '1'})`;
  });
  const cols = names.length ? names.map(col).join(', ') : '__unit';
  return { sql: `SELECT * FROM (VALUES ${rows.join(', ')}) ${t.alias('v')}(${cols})`, vars, maybe };
}

/** BIND of a variable or of a term the data holds (what the algebra makes of aggregate aliases). */
export function extend(a: Relation, op: Algebra.Extend, t: Translation): Relation {
  const name = op.variable.value;
  const e = op.expression as Algebra.TermExpression;
  if (e.expressionType !== 'term') unsupported('BIND of a computed expression');
  const vars = new Map(a.vars);
  const maybe = new Set(a.maybe);
  let value: string;
  if (e.term.termType === 'Variable') {
    const rep = a.vars.get(e.term.value);
    vars.set(name, rep ?? 'id');
    value = rep ? col(e.term.value) : 'NULL::INTEGER';
    if (!rep || a.maybe.has(e.term.value)) maybe.add(name);
  } else {
    const id = t.idOf(termToNt(e.term));
    if (id === undefined) unsupported('BIND of a term the data does not hold');
    vars.set(name, 'id');
    value = `${id}::INTEGER`;
  }
  return { ...a, sql: `SELECT *, ${value} AS ${col(name)} FROM (${a.sql})`, vars, maybe };
}

/** SELECT's projection: the listed variables (one never bound is an unbound column). Hidden order keys stay. */
export function project(a: Relation, variables: RDF.Variable[], t: Translation): Relation {
  const r = t.alias('r');
  const vars = new Map<string, Rep>();
  const maybe = new Set<string>();
  const cols = variables.map((v) => {
    const rep = a.vars.get(v.value);
    vars.set(v.value, rep ?? 'id');
    if (!rep || a.maybe.has(v.value)) maybe.add(v.value);
    return rep ? `${r}.${col(v.value)}` : `NULL::INTEGER AS ${col(v.value)}`;
  });
  const keys = a.order ? a.order.map((_, i) => `${r}.__o${i}`) : [];
  return { sql: `SELECT ${selectList([...cols, ...keys])} FROM (${a.sql}) ${r}`, vars, maybe, order: a.order };
}
