/**
 * SPARQL expressions as SQL, for the cases whose SPARQL answer SQL gives exactly. A boolean's NULL is
 * SPARQL's error (unbound variables, type errors), and SQL's three-valued AND/OR/NOT treat NULL as
 * SPARQL's && || ! treat errors. What the translation cannot decide exactly raises at run time
 * (`raise`), and the whole query goes to Oxigraph; what it cannot translate at all is `Unsupported`.
 */
import type * as RDF from '@rdfjs/types';
import type { Algebra } from 'sparqlalgebrajs';
import { termToNt } from '../../rdf/nquads.js';
import { NS } from '../../vocab.js';
import { Kind, termRow } from './terms.js';
import { raise, sqlString, unsupported } from './unsupported.js';

/** How a variable's column holds its value: a term id, or an xsd:integer computed by the query (COUNT, SUM). */
export type Rep = 'id' | 'int';

/** A value as SQL: its term id when it has one, and the attributes SPARQL's operators look at. */
export interface Operand {
  id?: string;
  /** The datatype IRI (terms only; computed values have none). */
  datatype?: string;
  kind: string;
  num: string;
  lex: string;
  lang: string;
}

export interface ExpressionScope {
  /** A variable's column and representation, undefined when the variable is not in scope (unbound). */
  variable(name: string): { column: string; rep: Rep } | undefined;
  /** The alias of the `terms` row joined to a variable's id column (the caller adds the join). */
  termsOf(name: string): string;
  /** A constant term's id, undefined when the copy has never held it. */
  idOf(nt: string): number | undefined;
}

type Compiled = { type: 'bool'; sql: string } | { type: 'value'; op: Operand };

const { IRI, BNODE, STRING, LANG, NUMBER, BOOLEAN, INEXACT_NUMBER } = Kind;
const XSD_STRING = NS.xsd('string');
const RDF_LANG_STRING = NS.rdf('langString');
const NULL_OPERAND: Operand = { id: 'NULL', kind: 'NULL', num: 'NULL', lex: 'NULL', lang: 'NULL' };
/** Kinds whose values Oxigraph compares by kind (different kinds: not equal, not an error). */
const KNOWN = `(${IRI}, ${BNODE}, ${STRING}, ${LANG}, ${NUMBER}, ${BOOLEAN})`;
const OTHER_THAN_NUMBER = `(${IRI}, ${STRING}, ${LANG}, ${BOOLEAN})`;

export function constantOperand(term: RDF.Term, scope: ExpressionScope): Operand {
  if (term.termType === 'Quad' || term.termType === 'Variable' || term.termType === 'DefaultGraph') unsupported(`constant ${term.termType}`);
  const nt = termToNt(term);
  const r = termRow(nt);
  const num = r.num === null ? 'NULL' : `${r.num}::DOUBLE`;
  // A constant the copy never held equals no stored term by id (-1 is no id).
  const lang = r.lang === null ? 'NULL' : sqlString(r.lang);
  return {
    id: String(scope.idOf(nt) ?? -1),
    kind: String(r.kind),
    num,
    lex: sqlString(r.lex),
    lang,
    datatype: r.datatype === null ? 'NULL' : sqlString(r.datatype),
  };
}

export function variableOperand(name: string, scope: ExpressionScope): Operand {
  const v = scope.variable(name);
  if (!v) return NULL_OPERAND;
  if (v.rep === 'int') {
    return { kind: `CASE WHEN ${v.column} IS NULL THEN NULL ELSE ${NUMBER} END`, num: `${v.column}::DOUBLE`, lex: `${v.column}::VARCHAR`, lang: 'NULL' };
  }
  const t = scope.termsOf(name);
  // The kind names the variable's own column too: a condition on the term alone would be pushed below the
  // join into the scan of `terms`, and raise on terms no row of the query holds.
  return {
    id: v.column,
    kind: `(CASE WHEN ${v.column} IS NULL THEN NULL ELSE ${t}.kind END)`,
    num: `${t}.num`,
    lex: `${t}.lex`,
    lang: `${t}.lang`,
    datatype: `${t}.dt`,
  };
}

/** A FILTER (or HAVING, or left-join) condition: rows where it is true. */
export function condition(e: Algebra.Expression, scope: ExpressionScope): string {
  return `(${asBool(compile(e, scope))}) IS TRUE`;
}

function asBool(c: Compiled): string {
  if (c.type === 'bool') return c.sql;
  // Effective boolean value of a plain value: only booleans are taken as they are.
  const o = c.op;
  return `CASE WHEN ${o.kind} IS NULL THEN NULL WHEN ${o.kind} = ${BOOLEAN} THEN ${o.num} = 1 ELSE ${raise('effective boolean value')} END`;
}

function value(c: Compiled): Operand {
  if (c.type === 'value') return c.op;
  return { kind: `CASE WHEN (${c.sql}) IS NULL THEN NULL ELSE ${BOOLEAN} END`, num: `(${c.sql})::INTEGER::DOUBLE`, lex: `(${c.sql})::VARCHAR`, lang: 'NULL' };
}

const bool = (sql: string): Compiled => ({ type: 'bool', sql });

export function compile(e: Algebra.Expression, scope: ExpressionScope): Compiled {
  switch (e.expressionType) {
    case 'term': {
      const t = (e as Algebra.TermExpression).term;
      return { type: 'value', op: t.termType === 'Variable' ? variableOperand(t.value, scope) : constantOperand(t, scope) };
    }
    case 'operator':
      return operator(e as Algebra.OperatorExpression, scope);
    default:
      return unsupported(`${e.expressionType} expression`);
  }
}

function operator(e: Algebra.OperatorExpression, scope: ExpressionScope): Compiled {
  const args = e.args;
  const arg = (i: number) => compile(args[i] as Algebra.Expression, scope);
  const op = e.operator.toLowerCase();
  switch (op) {
    case '&&':
      return bool(`(${asBool(arg(0))}) AND (${asBool(arg(1))})`);
    case '||':
      return bool(`(${asBool(arg(0))}) OR (${asBool(arg(1))})`);
    case '!':
      return bool(`NOT (${asBool(arg(0))})`);
    case '=':
      return bool(equal(value(arg(0)), value(arg(1))));
    case '!=':
      return bool(`NOT (${equal(value(arg(0)), value(arg(1)))})`);
    case 'sameterm':
      return bool(sameTerm(value(arg(0)), value(arg(1))));
    case 'in':
    case 'notin': {
      const left = value(arg(0));
      if (args.length === 1) return bool(op === 'in' ? 'FALSE' : 'TRUE');
      // IN is an OR of equalities (errors included); NOT IN is its negation.
      const ors = args.slice(1).map((a) => `(${equal(left, value(compile(a, scope)))})`);
      return bool(op === 'in' ? ors.join(' OR ') : `NOT (${ors.join(' OR ')})`);
    }
    case '<':
    case '>':
    case '<=':
    case '>=':
      return bool(compare(op, value(arg(0)), value(arg(1))));
    case 'bound': {
      const t = (args[0] as Algebra.TermExpression).term;
      const v = scope.variable(t.value);
      return bool(v ? `${v.column} IS NOT NULL` : 'FALSE');
    }
    case 'isiri':
    case 'isuri':
      return kindTest(value(arg(0)), `(${IRI})`);
    case 'isblank':
      return kindTest(value(arg(0)), `(${BNODE})`);
    case 'isliteral':
      return kindTest(value(arg(0)), `(${STRING}, ${LANG}, ${NUMBER}, ${BOOLEAN}, ${Kind.OTHER}, ${INEXACT_NUMBER})`);
    case 'isnumeric':
      return kindTest(value(arg(0)), `(${NUMBER}, ${INEXACT_NUMBER})`);
    case 'str': {
      const o = value(arg(0));
      return str(`CASE WHEN ${o.kind} IN (${BNODE}, ${Kind.TRIPLE}) THEN NULL ELSE ${o.lex} END`, `${STRING}`, 'NULL', o.kind);
    }
    case 'datatype': {
      const o = value(arg(0));
      const dt = `CASE WHEN ${o.kind} = ${STRING} THEN '${XSD_STRING}' WHEN ${o.kind} = ${LANG} THEN '${RDF_LANG_STRING}' WHEN ${o.kind} IN (${IRI}, ${BNODE}, ${Kind.TRIPLE}) THEN NULL ELSE ${o.datatype ?? 'NULL'} END`;
      return { type: 'value', op: { kind: `CASE WHEN (${dt}) IS NULL THEN NULL ELSE ${IRI} END`, num: 'NULL', lex: dt, lang: 'NULL' } };
    }
    case 'lang': {
      const o = value(arg(0));
      return str(`CASE WHEN ${o.kind} IN (${IRI}, ${BNODE}, ${Kind.TRIPLE}) THEN NULL ELSE coalesce(${o.lang}, '') END`, `${STRING}`, 'NULL', o.kind);
    }
    case 'langmatches': {
      const [tag, range] = [value(arg(0)), value(arg(1))];
      const matches = `CASE WHEN ${range.lex} = '*' THEN ${tag.lex} <> '' ELSE lower(${tag.lex}) = lower(${range.lex}) OR starts_with(lower(${tag.lex}), lower(${range.lex}) || '-') END`;
      return bool(`CASE WHEN ${tag.kind} = ${STRING} AND ${range.kind} = ${STRING} THEN ${matches} ELSE NULL END`);
    }
    case 'lcase':
    case 'ucase': {
      const o = value(arg(0));
      const fn = op === 'lcase' ? 'lower' : 'upper';
      // Case mappings outside ASCII differ between libraries: those rows go to Oxigraph.
      const lex = `CASE WHEN strlen(${o.lex}) = length(${o.lex}) THEN ${fn}(${o.lex}) ELSE ${raise('case folding beyond ASCII')} END`;
      return str(`CASE WHEN ${o.kind} IN (${STRING}, ${LANG}) THEN ${lex} ELSE NULL END`, o.kind, o.lang, o.kind);
    }
    case 'strlen': {
      const o = value(arg(0));
      const n = `CASE WHEN ${o.kind} IN (${STRING}, ${LANG}) THEN length(${o.lex}) ELSE NULL END`;
      return {
        type: 'value',
        op: { kind: `CASE WHEN (${n}) IS NULL THEN NULL ELSE ${NUMBER} END`, num: `(${n})::DOUBLE`, lex: `(${n})::VARCHAR`, lang: 'NULL' },
      };
    }
    case 'contains':
    case 'strstarts':
    case 'strends': {
      const [a, b] = [value(arg(0)), value(arg(1))];
      const fn = op === 'contains' ? 'contains' : op === 'strstarts' ? 'starts_with' : 'ends_with';
      // Argument compatibility (SPARQL 17.4.3.1.2): strings, and a language only when both share it or the second has none.
      const compatible = `${a.kind} IN (${STRING}, ${LANG}) AND (${b.kind} = ${STRING} OR (${a.kind} = ${LANG} AND ${b.kind} = ${LANG} AND ${a.lang} = ${b.lang}))`;
      return bool(`CASE WHEN ${compatible} THEN ${fn}(${a.lex}, ${b.lex}) ELSE NULL END`);
    }
    default:
      return unsupported(`function ${e.operator}`);
  }
}

/** A string made by a function: its lexical form, kind and language; NULL (error) when `of` is unbound. */
function str(lex: string, kind: string, lang: string, of: string): Compiled {
  return { type: 'value', op: { kind: `CASE WHEN ${of} IS NULL OR (${lex}) IS NULL THEN NULL ELSE ${kind} END`, num: 'NULL', lex, lang } };
}

function kindTest(o: Operand, kinds: string): Compiled {
  return bool(`CASE WHEN ${o.kind} IS NULL THEN NULL ELSE ${o.kind} IN ${kinds} END`);
}

/** RDF term equality by id; without ids, by kind and lexical form (the copy's terms are canonical). */
function sameTerm(a: Operand, b: Operand): string {
  if (a.id && b.id) return `${a.id} = ${b.id}`;
  return `CASE WHEN ${a.kind} IS NULL OR ${b.kind} IS NULL THEN NULL WHEN ${a.kind} = ${NUMBER} OR ${b.kind} = ${NUMBER} THEN ${raise('sameTerm of a computed number')} ELSE ${a.kind} = ${b.kind} AND ${a.lex} = ${b.lex} AND ${a.lang} IS NOT DISTINCT FROM ${b.lang} END`;
}

/** SPARQL `=`: value equality for numbers, term equality otherwise; different known kinds are unequal (as in Oxigraph). */
export function equal(a: Operand, b: Operand): string {
  const byValue = [
    `WHEN ${a.kind} IS NULL OR ${b.kind} IS NULL THEN NULL`,
    `WHEN ${a.kind} = ${NUMBER} AND ${b.kind} = ${NUMBER} THEN ${a.num} = ${b.num}`,
    `WHEN ${a.kind} <> ${b.kind} AND ${a.kind} IN ${KNOWN} AND ${b.kind} IN ${KNOWN} THEN FALSE`,
    `WHEN ${a.kind} = ${b.kind} AND ${a.kind} IN (${IRI}, ${BNODE}, ${STRING}, ${BOOLEAN}) THEN ${a.lex} = ${b.lex}`,
    `WHEN ${a.kind} = ${LANG} AND ${b.kind} = ${LANG} THEN ${a.lex} = ${b.lex} AND ${a.lang} = ${b.lang}`,
    `ELSE ${raise('equality of literals of other datatypes')}`,
  ].join(' ');
  // One id is one term: equal unless it is NaN (an inexact number, decided by Oxigraph).
  if (a.id && b.id) return `CASE WHEN ${a.id} = ${b.id} AND ${a.kind} <> ${INEXACT_NUMBER} THEN TRUE ${byValue} END`;
  return `CASE ${byValue} END`;
}

/** SPARQL `<` and friends: numbers by value, simple literals by code point; anything else goes to Oxigraph. */
function compare(op: string, a: Operand, b: Operand): string {
  return [
    `CASE WHEN ${a.kind} IS NULL OR ${b.kind} IS NULL THEN NULL`,
    `WHEN ${a.kind} = ${NUMBER} AND ${b.kind} = ${NUMBER} THEN ${a.num} ${op} ${b.num}`,
    `WHEN ${a.kind} = ${STRING} AND ${b.kind} = ${STRING} THEN ${a.lex} ${op} ${b.lex}`,
    // A number against a string, IRI or boolean is a type error (checked against Oxigraph).
    `WHEN (${a.kind} = ${NUMBER} AND ${b.kind} IN ${OTHER_THAN_NUMBER}) OR (${b.kind} = ${NUMBER} AND ${a.kind} IN ${OTHER_THAN_NUMBER}) THEN NULL`,
    `ELSE ${raise('comparison of these kinds of terms')} END`,
  ].join(' ');
}
