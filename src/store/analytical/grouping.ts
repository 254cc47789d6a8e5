/**
 * GROUP BY with aggregates, and ORDER BY, as SQL. Aggregates are translated only where SQL's result is
 * SPARQL's: COUNT, SUM over integers, MIN/MAX over numbers, simple literals or IRIs, SAMPLE; a group
 * that holds anything else (a decimal in a SUM, mixed kinds in a MIN) raises, and Oxigraph answers.
 */
import type { Algebra } from 'sparqlalgebrajs';
import type { Rep } from './expressions.js';
import type { Relation, Translation } from './relations.js';
import { Kind, NumType } from './terms.js';
import { col, raise, unsupported } from './unsupported.js';

const { IRI, BNODE, STRING, NUMBER } = Kind;

/** The variable an aggregate or order key is over (only plain variables are translated). */
function variableOf(e: Algebra.Expression, what: string): string {
  const term = (e as Algebra.TermExpression).term;
  if (e.expressionType !== 'term' || term.termType !== 'Variable') unsupported(`${what} over an expression`);
  return term.value;
}

export function group(a: Relation, op: Algebra.Group, t: Translation): Relation {
  const r = t.alias('r');
  const joins = new Map<string, string>();
  const termsOf = (v: string) => {
    let alias = joins.get(v);
    if (!alias) joins.set(v, (alias = t.alias('t')));
    return alias;
  };
  const vars = new Map<string, Rep>();
  const maybe = new Set<string>();
  const keys = op.variables.map((v) => {
    const rep = a.vars.get(v.value);
    vars.set(v.value, rep ?? 'id');
    if (!rep || a.maybe.has(v.value)) maybe.add(v.value);
    return rep ? `${r}.${col(v.value)}` : 'NULL::INTEGER';
  });
  const aggregates = op.aggregates.map((agg) => {
    const name = agg.variable.value;
    const [sql, rep, alwaysBound] = aggregate(agg, a, r, termsOf);
    vars.set(name, rep);
    if (!alwaysBound) maybe.add(name);
    return `${sql} AS ${col(name)}`;
  });
  const select = [...op.variables.map((v, i) => `${keys[i]} AS ${col(v.value)}`), ...aggregates];
  const terms = [...joins].map(([v, alias]) => ` LEFT JOIN terms ${alias} ON ${alias}.id = ${r}.${col(v)}`).join('');
  const groupBy = keys.length ? ` GROUP BY ${keys.join(', ')}` : '';
  return { sql: `SELECT ${select.join(', ') || '1 AS __unit'} FROM (${a.sql}) ${r}${terms}${groupBy}`, vars, maybe };
}

/** One aggregate: its SQL, representation, and whether every group gets a value. */
function aggregate(agg: Algebra.BoundAggregate, a: Relation, r: string, termsOf: (v: string) => string): [string, Rep, boolean] {
  const distinct = agg.distinct ? 'DISTINCT ' : '';
  if (agg.aggregator === 'count') {
    if (agg.expression.expressionType === 'wildcard') {
      if (agg.distinct) unsupported('COUNT(DISTINCT *)');
      return ['count(*)::BIGINT', 'int', true];
    }
    const v = variableOf(agg.expression, 'COUNT');
    return [a.vars.has(v) ? `count(${distinct}${r}.${col(v)})::BIGINT` : '0::BIGINT', 'int', true];
  }
  const v = variableOf(agg.expression, agg.aggregator.toUpperCase());
  const rep = a.vars.get(v);
  if (!rep) return [agg.aggregator === 'sum' ? '0::BIGINT' : 'NULL::INTEGER', agg.aggregator === 'sum' ? 'int' : 'id', agg.aggregator === 'sum'];
  const x = `${r}.${col(v)}`;
  // An unbound value in a group is an error in SUM, MIN and MAX: those groups go to Oxigraph.
  const unbound = `count(*) FILTER (WHERE ${x} IS NULL) > 0`;
  switch (agg.aggregator) {
    case 'sample':
      return [`any_value(${x})`, rep, false];
    case 'sum': {
      if (rep === 'int') return [`CASE WHEN ${unbound} THEN ${raise('SUM over unbound')} ELSE coalesce(sum(${distinct}${x}), 0)::BIGINT END`, 'int', true];
      const tt = termsOf(v);
      const notInteger = `count(*) FILTER (WHERE ${tt}.kind IS DISTINCT FROM ${NUMBER} OR ${tt}.ntype <> ${NumType.INTEGER}) > 0`;
      return [
        `CASE WHEN ${notInteger} THEN ${raise('SUM over values other than integers')} ELSE coalesce(sum(${distinct}${tt}.num::BIGINT), 0)::BIGINT END`,
        'int',
        true,
      ];
    }
    case 'min':
    case 'max': {
      if (rep === 'int')
        return [`CASE WHEN ${unbound} AND count(${x}) > 0 THEN ${raise('MIN/MAX over unbound')} ELSE ${agg.aggregator}(${x}) END`, 'int', false];
      const tt = termsOf(v);
      // One family of terms per group: numbers (by value), simple literals or IRIs (by code point).
      const family = `CASE WHEN ${tt}.kind IS NULL THEN NULL WHEN ${tt}.kind = ${NUMBER} THEN 1 WHEN ${tt}.kind = ${STRING} THEN 2 WHEN ${tt}.kind = ${IRI} THEN 3 ELSE 9 END`;
      const pick = agg.aggregator === 'min' ? 'arg_min' : 'arg_max';
      // Two terms of one value (1991 and 1991.0): which one Oxigraph returns is its own choice; such a tie raises.
      const [byId, byIdDown] = [`${pick}(${x}, list_value(${tt}.num, ${x}::DOUBLE))`, `${pick}(${x}, list_value(${tt}.num, -${x}::DOUBLE))`];
      const numberPick = `CASE WHEN ${byId} <> ${byIdDown} THEN ${raise('MIN/MAX over equal numbers of different types')} ELSE ${byId} END`;
      const mixed = `min(${family}) <> max(${family}) OR max(${family}) = 9 OR (${unbound} AND count(${x}) > 0)`;
      return [
        `CASE WHEN ${mixed} THEN ${raise('MIN/MAX over mixed kinds of terms')} WHEN max(${family}) = 1 THEN ${numberPick} ELSE ${pick}(${x}, ${tt}.lex) END`,
        'id',
        false,
      ];
    }
    default:
      return unsupported(`aggregate ${agg.aggregator.toUpperCase()}`);
  }
}

/**
 * ORDER BY: hidden key columns `__o<i>` added to the relation, in SPARQL's order of kinds (unbound,
 * blank nodes, IRIs, literals). Literals are ordered only when a column holds numbers only or simple
 * literals only; anything else raises (Oxigraph decides the order of mixed literals).
 */
export function orderBy(a: Relation, op: Algebra.OrderBy, t: Translation): Relation {
  const r = t.alias('r');
  const joins = new Map<string, string>();
  const keys: string[] = [];
  const order: string[] = [];
  for (const e0 of op.expressions) {
    const desc = e0.expressionType === 'operator' && (e0 as Algebra.OperatorExpression).operator === 'desc';
    const e = desc ? ((e0 as Algebra.OperatorExpression).args[0] as Algebra.Expression) : e0;
    const v = variableOf(e, 'ORDER BY');
    const rep = a.vars.get(v);
    const dir = desc ? 'DESC' : 'ASC';
    if (!rep) continue;
    if (rep === 'int') {
      order.push(`__o${keys.length} ${dir} NULLS FIRST`.replace('NULLS FIRST', desc ? 'NULLS LAST' : 'NULLS FIRST'));
      keys.push(`${r}.${col(v)}`);
      continue;
    }
    const tt = t.alias('t');
    joins.set(v, tt);
    const x = `${r}.${col(v)}`;
    const family = `CASE WHEN ${tt}.kind IS NULL OR ${tt}.kind IN (${IRI}, ${BNODE}) THEN NULL WHEN ${tt}.kind = ${NUMBER} THEN 1 WHEN ${tt}.kind = ${STRING} THEN 2 ELSE ${raise('ORDER BY over these literals')} END`;
    const guard = `CASE WHEN min(${family}) OVER () <> max(${family}) OVER () THEN ${raise('ORDER BY over numbers and strings')} ELSE 0 END`;
    const cls = `CASE WHEN ${x} IS NULL THEN 0 WHEN ${tt}.kind = ${BNODE} THEN 1 WHEN ${tt}.kind = ${IRI} THEN 2 ELSE 3 END`;
    for (const k of [guard, cls, `${tt}.num`, `${tt}.lex`]) {
      order.push(`__o${keys.length} ${dir} NULLS FIRST`.replace('NULLS FIRST', desc ? 'NULLS LAST' : 'NULLS FIRST'));
      keys.push(k);
    }
  }
  if (!keys.length) return a;
  const terms = [...joins].map(([v, alias]) => ` LEFT JOIN terms ${alias} ON ${alias}.id = ${r}.${col(v)}`).join('');
  const cols = [...a.vars.keys()].map((v) => `${r}.${col(v)}`);
  return { ...a, sql: `SELECT ${[...cols, ...keys.map((k, i) => `${k} AS __o${i}`)].join(', ')} FROM (${a.sql}) ${r}${terms}`, order };
}
