/**
 * SPARQL SELECT/ASK → one SQL query over the analytical copy, for the subset SQL answers exactly
 * (docs/decisions/0008-analytical-engine.md). The query is read with sparqlalgebrajs; every operator
 * outside the subset throws `Unsupported` with the reason, and Oxigraph answers the query instead.
 */
import { Algebra, translate } from 'sparqlalgebrajs';
import type { Rep } from './expressions.js';
import { group, orderBy } from './grouping.js';
import {
  bgp,
  type Dataset,
  extend,
  filter,
  type GraphContext,
  join,
  leftJoin,
  minus,
  project,
  type Relation,
  type Translation,
  union,
  values,
} from './relations.js';
import { col, unsupported } from './unsupported.js';

export interface SqlQuery {
  form: 'SELECT' | 'ASK';
  sql: string;
  /** The projected variables in order, with how each column holds its value. */
  columns: { name: string; rep: Rep }[];
  /** The query's algebra below its dataset clause (the planner reads it). */
  algebra: Algebra.Operation;
}

export interface TranslateOptions {
  baseIri?: string;
  /** The protocol's dataset (wins over FROM); absent with no FROM either: the union of all graphs. */
  defaultGraphs?: string[];
  namedGraphs?: string[];
}

type Lookup = (nt: string) => number | undefined;

/** Graph IRIs as ids; a graph the copy never held has no quads (-1 matches none). */
const graphIds = (iris: string[], idOf: Lookup) => iris.map((g) => (g === '' ? 0 : (idOf(`<${g}>`) ?? -1)));

export function toSql(text: string, idOf: Lookup, options: TranslateOptions = {}): SqlQuery {
  let op: Algebra.Operation;
  try {
    op = translate(text, { quads: false, baseIRI: options.baseIri });
  } catch (e) {
    return unsupported(`sparqlalgebrajs cannot read it (${(e as Error).message.split('\n')[0]})`);
  }
  let dataset: Dataset = {};
  if (op.type === Algebra.types.FROM) {
    const from = op as Algebra.From;
    dataset = {
      defaultGraphs: graphIds(
        from.default.map((g) => g.value),
        idOf,
      ),
      namedGraphs: graphIds(
        from.named.map((g) => g.value),
        idOf,
      ),
    };
    op = from.input;
  }
  if (options.defaultGraphs || options.namedGraphs) {
    dataset = { defaultGraphs: graphIds(options.defaultGraphs ?? [], idOf), namedGraphs: graphIds(options.namedGraphs ?? [], idOf) };
  }
  let n = 0;
  const t: Translation = { idOf, dataset, alias: (prefix) => `${prefix}${n++}` };
  if (op.type === Algebra.types.ASK) {
    const rel = relation((op as Algebra.Ask).input, { kind: 'default' }, t);
    return { form: 'ASK', sql: `SELECT EXISTS (${rel.sql})`, columns: [], algebra: op };
  }
  if (op.type !== Algebra.types.PROJECT && op.type !== Algebra.types.SLICE && op.type !== Algebra.types.DISTINCT && op.type !== Algebra.types.REDUCED) {
    unsupported(`${op.type} queries`);
  }
  const rel = relation(op, { kind: 'default' }, t);
  const columns = [...rel.vars].map(([name, rep]) => ({ name, rep }));
  const select = columns.map((c) => col(c.name)).join(', ') || '1 AS __unit';
  const order = rel.order ? ` ORDER BY ${rel.order.join(', ')}` : '';
  return { form: 'SELECT', sql: `SELECT ${select} FROM (${rel.sql})${order}`, columns, algebra: op };
}

function relation(op: Algebra.Operation, graph: GraphContext, t: Translation): Relation {
  const input = (o: Algebra.Operation) => relation(o, graph, t);
  switch (op.type) {
    case Algebra.types.BGP:
      return bgp((op as Algebra.Bgp).patterns, graph, t);
    case Algebra.types.JOIN:
      return (op as Algebra.Join).input.map(input).reduce((a, b) => join(a, b, t));
    case Algebra.types.LEFT_JOIN: {
      const [a, b] = (op as Algebra.LeftJoin).input;
      return leftJoin(input(a), input(b), (op as Algebra.LeftJoin).expression, t);
    }
    case Algebra.types.UNION:
      return (op as Algebra.Union).input.map(input).reduce((a, b) => union(a, b));
    case Algebra.types.MINUS: {
      const [a, b] = (op as Algebra.Minus).input;
      return minus(input(a), input(b), t);
    }
    case Algebra.types.FILTER: {
      const f = op as Algebra.Filter;
      return filter(input(f.input), f.expression, t);
    }
    case Algebra.types.EXTEND:
      return extend(input((op as Algebra.Extend).input), op as Algebra.Extend, t);
    case Algebra.types.VALUES:
      return values(op as Algebra.Values, t);
    case Algebra.types.GRAPH: {
      const g = op as Algebra.Graph;
      if (g.name.termType === 'Variable') return relation(g.input, { kind: 'var', name: g.name.value }, t);
      const id = t.idOf(`<${g.name.value}>`) ?? -1;
      return relation(g.input, { kind: 'named', id }, t);
    }
    case Algebra.types.GROUP:
      return group(input((op as Algebra.Group).input), op as Algebra.Group, t);
    case Algebra.types.ORDER_BY:
      return orderBy(input((op as Algebra.OrderBy).input), op as Algebra.OrderBy, t);
    case Algebra.types.PROJECT:
      return project(input((op as Algebra.Project).input), (op as Algebra.Project).variables, t);
    case Algebra.types.DISTINCT:
    case Algebra.types.REDUCED: {
      const a = input((op as Algebra.Distinct).input);
      // Hidden order keys are functions of the projected variables only when ORDER BY uses those alone;
      // project() keeps keys of any variable, so DISTINCT over them would keep duplicates: refuse that case.
      if (a.order && !orderOverProjected(op as Algebra.Distinct)) unsupported('DISTINCT with ORDER BY over unprojected variables');
      return { ...a, sql: `SELECT DISTINCT * FROM (${a.sql})` };
    }
    case Algebra.types.SLICE: {
      const s = op as Algebra.Slice;
      const a = input(s.input);
      const order = a.order ? ` ORDER BY ${a.order.join(', ')}` : '';
      const limit = s.length === undefined ? '' : ` LIMIT ${s.length}`;
      return { ...a, sql: `SELECT * FROM (${a.sql})${order}${limit}${s.start ? ` OFFSET ${s.start}` : ''}`, order: undefined };
    }
    default:
      return unsupported(`${op.type} (${describe(op)})`);
  }
}

function describe(op: Algebra.Operation): string {
  if (op.type === Algebra.types.PATH) return 'property paths';
  if (op.type === Algebra.types.SERVICE) return 'SERVICE';
  return 'not translated';
}

/** DISTINCT(PROJECT(ORDER BY …)) where every ORDER BY key is a projected variable. */
function orderOverProjected(op: Algebra.Distinct): boolean {
  const p = op.input as Algebra.Project;
  if (p.type !== Algebra.types.PROJECT || p.input.type !== Algebra.types.ORDER_BY) return false;
  const projected = new Set(p.variables.map((v) => v.value));
  return (p.input as Algebra.OrderBy).expressions.every((e) => {
    const inner = e.expressionType === 'operator' ? (e as Algebra.OperatorExpression).args[0] : e;
    const term = (inner as Algebra.TermExpression | undefined)?.term;
    return term?.termType === 'Variable' && projected.has(term.value);
  });
}
