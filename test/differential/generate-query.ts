/**
 * Seeded random SELECT queries over the generated datasets: basic graph patterns
 * with FILTER, OPTIONAL, UNION, MINUS, EXISTS, BIND, VALUES, GRAPH and subqueries,
 * then DISTINCT, GROUP BY with aggregates, or ORDER BY with LIMIT/OFFSET on top.
 * Each query also says which variables its rows must be sorted by.
 */
import { prng } from '../helpers/prng.js';
import { EX, LITERALS, type Pick, PREDICATES, picker, SUBJECTS } from './generate-data.js';

export interface GeneratedQuery {
  text: string;
  /** The ORDER BY keys, in order (empty: any order). */
  orderVars: string[];
}

const VARS = ['?a', '?b', '?c', '?d'];
const NUMBERS = ['1', '2', '2.5', '0', '-1', '1e0', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'];

class Generator {
  readonly random: () => number;
  readonly pick: Pick;
  /** Variables some pattern binds, so expressions and projections use them. */
  readonly used = new Set<string>();
  /** Numbers fresh variable names (BIND targets, subquery counts): a BIND may not rebind one in scope. */
  private fresh = 0;
  constructor(seed: number) {
    this.random = prng(seed);
    this.pick = picker(this.random);
  }
  chance = (p: number) => this.random() < p;

  variable(): string {
    const v = this.pick(VARS);
    this.used.add(v);
    return v;
  }
  triple(): string {
    const s = this.chance(0.85) ? this.variable() : this.pick(SUBJECTS);
    const p = this.chance(0.9) ? this.pick(PREDICATES) : '?p';
    if (p === '?p') this.used.add('?p');
    const o = this.chance(0.75) ? this.variable() : this.chance(0.5) ? this.pick(SUBJECTS) : this.pick(LITERALS);
    return `${s} ${p} ${o} .`;
  }
  bgp(): string {
    const n = 1 + Math.floor(this.random() * 3);
    return Array.from({ length: n }, () => this.triple()).join(' ');
  }
  usedVar(): string {
    return this.used.size ? this.pick([...this.used]) : this.variable();
  }
  condition(): string {
    const x = this.usedVar();
    const forms = [
      () => `${x} = ${this.pick([...LITERALS, ...SUBJECTS])}`,
      () => `${x} != ${this.pick(LITERALS)}`,
      () => `${x} ${this.pick(['<', '>', '<=', '>='])} ${this.pick([...NUMBERS, '"beta"', '"2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'])}`,
      () => `${this.pick(['isLiteral', 'isIRI', 'isBlank', 'isNumeric'])}(${x})`,
      () => `lang(${x}) = "${this.pick(['en', 'fr', ''])}"`,
      () => `langMatches(lang(${x}), "${this.pick(['en', 'FR', '*'])}")`,
      () => `datatype(${x}) = <http://www.w3.org/2001/XMLSchema#${this.pick(['integer', 'decimal', 'double', 'string', 'boolean'])}>`,
      () => `contains(str(${x}), "${this.pick(['a', 'ch', 's1', '1'])}")`,
      () => `regex(str(${x}), "${this.pick(['^a', 'A', 'p[0-2]$'])}", "${this.pick(['', 'i'])}")`,
      () => `strlen(str(${x})) > ${this.pick(['3', '5', '30'])}`,
      () => `${this.pick(['', '!'])}bound(${x})`,
      () => `${x} + 1 > ${this.pick(NUMBERS)}`,
      () => `sameTerm(${x}, ${this.usedVar()})`,
      () => `${x} = ${this.usedVar()}`,
    ];
    const one = this.pick(forms)();
    if (this.chance(0.25)) return `(${one}) ${this.pick(['&&', '||'])} (${this.condition()})`;
    return this.chance(0.15) ? `!(${one})` : one;
  }
  group(depth: number): string {
    const parts = [this.bgp()];
    const extras = Math.floor(this.random() * 3);
    for (let i = 0; i < extras; i++) {
      const kinds = [
        () => `FILTER (${this.condition()})`,
        // Equal values in different terms ("1", "1.0", "1e0") make `=` differ from a join.
        () => {
          const [x, y] = [this.fresh++, this.fresh++];
          const other = this.chance(0.5) ? this.usedVar() : `?v${y}`;
          return `?s${x} ${this.pick(PREDICATES)} ?v${x} . ?s${y} ${this.pick(PREDICATES)} ?v${y} . FILTER (?v${x} = ${other})`;
        },
        () => `OPTIONAL { ${this.bgp()}${this.chance(0.3) ? ` FILTER (${this.condition()})` : ''} }`,
        () => `MINUS { ${this.bgp()} }`,
        () => `FILTER ${this.pick(['', 'NOT '])}EXISTS { ${this.bgp()} }`,
        () =>
          `BIND (${this.pick([`str(${this.usedVar()})`, `${this.usedVar()} + 1`, `lang(${this.usedVar()})`, `datatype(${this.usedVar()})`])} AS ?e${this.fresh++})`,
        () => `VALUES ${this.usedVar()} { ${Array.from({ length: 2 }, () => this.pick([...SUBJECTS, ...LITERALS, 'UNDEF'])).join(' ')} }`,
        () => `GRAPH ${this.chance(0.7) ? '?g' : `<${EX}g0>`} { ${this.bgp()} }`,
        ...(depth < 2
          ? [
              () => `{ ${this.group(depth + 1)} } UNION { ${this.group(depth + 1)} }`,
              () => {
                const k = this.usedVar();
                return `{ SELECT ${k} (COUNT(*) AS ?n${this.fresh++}) WHERE { ${this.group(depth + 1)} } GROUP BY ${k} }`;
              },
            ]
          : []),
      ];
      parts.push(this.pick(kinds)());
    }
    return parts.join(' ');
  }
}

const AGGREGATES = ['COUNT(*)', 'COUNT(DISTINCT $)', 'SUM($)', 'MIN($)', 'MAX($)', 'AVG($)', 'COUNT($)'];

export function generateQuery(seed: number): GeneratedQuery {
  const g = new Generator(seed);
  const where = g.group(0);
  const vars = [...g.used].sort();
  const shape = g.random();
  if (shape < 0.3) {
    const key = g.pick(vars);
    const v = g.pick(vars);
    const aggs = Array.from({ length: 1 + Math.floor(g.random() * 3) }, (_, i) => `(${g.pick(AGGREGATES).replace('$', v)} AS ?agg${i})`);
    const having = g.chance(0.3) ? ' HAVING (COUNT(*) > 1)' : '';
    return { text: `SELECT ${key} ${aggs.join(' ')} WHERE { ${where} } GROUP BY ${key}${having}`, orderVars: [] };
  }
  if (shape < 0.55) {
    // Every projected variable is a key, so rows that tie are equal and the order is complete.
    const keys = vars.map((v) => (g.chance(0.3) ? `DESC(${v})` : v));
    const limit = ` LIMIT ${1 + Math.floor(g.random() * 6)}${g.chance(0.3) ? ` OFFSET ${Math.floor(g.random() * 3)}` : ''}`;
    // Blank nodes order by label, which differs between stores: left out so the first rows are the same.
    const noBlanks = vars.map((v) => `!isBlank(${v})`).join(' && ');
    return {
      text: `SELECT DISTINCT ${vars.join(' ')} WHERE { ${where} FILTER (${noBlanks}) } ORDER BY ${keys.join(' ')}${limit}`,
      orderVars: vars.map((v) => v.slice(1)),
    };
  }
  return { text: `SELECT ${g.chance(0.4) ? 'DISTINCT ' : ''}${vars.join(' ')} WHERE { ${where} }`, orderVars: [] };
}
