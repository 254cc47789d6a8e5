/** The matching half of a link spec: blocking keys, comparisons and their aggregation. */
import { COMPARATOR_NAMES, EVIDENCE, INNER_NAMES } from '../compare/index.js';
import type { Aggregate, AggregateFn, BlockingKey, BlockingMethod, Comparison, Condition, RuleNode, ValueSpec } from '../model/spec.js';
import { oneOf } from './errors.js';
import type { Path, SpecReader } from './reader.js';

const METHODS: BlockingMethod[] = ['tokens', 'qgrams', 'sorted-neighbourhood', 'identifier'];
/** Defaults documented in docs/link-spec-format.md. */
export const BLOCKING_DEFAULTS = { q: 3, window: 10, maxBlock: 1000, rarest: 0 };
const AGGREGATES: AggregateFn[] = ['weighted-mean', 'min', 'max'];
const DEFAULT_MAX = { 'year-distance': 2, 'number-distance': 1 } as Record<string, number>;

function valueName(r: SpecReader, path: Path, values: Record<string, ValueSpec>): string {
  const v = r.string(path);
  if (!(v in values)) r.fail(path, `no value named "${v}" under values:; known: ${oneOf(Object.keys(values))}`);
  return v;
}

export function parseBlocking(r: SpecReader, values: Record<string, ValueSpec>): BlockingKey[] {
  const keys = r.list(['blocking']);
  if (!keys.length) r.fail(['blocking'], 'needs at least one key (comparing all pairs is never what a large run wants)');
  return keys.map((_, i) => {
    const p: Path = ['blocking', i];
    r.map(p, ['value', 'method', 'q', 'window', 'max-block', 'rarest']);
    return {
      value: valueName(r, [...p, 'value'], values),
      method: r.choice([...p, 'method'], METHODS),
      q: r.number([...p, 'q'], BLOCKING_DEFAULTS.q, 1, 10),
      window: r.number([...p, 'window'], BLOCKING_DEFAULTS.window, 1, 1000),
      maxBlock: r.number([...p, 'max-block'], BLOCKING_DEFAULTS.maxBlock, 1, 10_000_000),
      rarest: r.number([...p, 'rarest'], BLOCKING_DEFAULTS.rarest, 0, 1000),
    };
  });
}

export function parseCompare(r: SpecReader, values: Record<string, ValueSpec>): Comparison[] {
  const list = r.list(['compare']);
  if (!list.length) r.fail(['compare'], 'needs at least one comparison');
  const seen = new Set<string>();
  return list.map((_, i) => {
    const p: Path = ['compare', i];
    const m = r.map(p, ['name', 'value', 'using', 'evidence', 'inner', 'threshold', 'max', 'weight', 'missing']);
    let c: Comparison;
    const common = {
      weight: r.number([...p, 'weight'], 1, 0, 1000),
      inner: r.choice([...p, 'inner'], INNER_NAMES, 'jaro-winkler'),
      threshold: r.number([...p, 'threshold'], 0.9, 0, 1),
      missing: m.missing === undefined ? undefined : r.number([...p, 'missing'], undefined, 0, 1),
    };
    if ('evidence' in m) {
      if ('using' in m) r.fail([...p, 'using'], 'graph evidence is compared by set overlap; drop "using"');
      const ev = r.choice([...p, 'evidence'], EVIDENCE);
      // Neighbour sets come from linkgraph under the evidence's name unless a declared value is named.
      const value = m.value === undefined ? ev : valueName(r, [...p, 'value'], values);
      c = { name: ev, value, using: 'overlap', max: 0, ...common };
    } else {
      const value = valueName(r, [...p, 'value'], values);
      const using = r.choice([...p, 'using'], COMPARATOR_NAMES);
      c = { name: `${value}.${using}`, value, using, max: r.number([...p, 'max'], DEFAULT_MAX[using] ?? 1, 0, 1e12), ...common };
    }
    if (m.name !== undefined) c.name = r.string([...p, 'name']);
    if (seen.has(c.name)) r.fail([...p, 'name'], `a second comparison named "${c.name}"; give one a distinct "name"`);
    seen.add(c.name);
    return c;
  });
}

export function parseAggregate(r: SpecReader, compare: Comparison[]): Aggregate {
  const v = r.get(['aggregate']);
  if (v === undefined) return 'weighted-mean';
  if (typeof v === 'string') return r.choice(['aggregate'], AGGREGATES);
  r.map(['aggregate'], ['tree']);
  const names = compare.map((c) => c.name);
  return { tree: parseNode(r, ['aggregate', 'tree'], names) };
}

function parseNode(r: SpecReader, p: Path, names: string[]): RuleNode {
  const v = r.get(p);
  if (typeof v === 'number') return r.number(p, undefined, 0, 1);
  if (typeof v === 'string') return r.choice(p, AGGREGATES);
  r.map(p, ['if', 'then', 'else']);
  return { when: parseCondition(r, [...p, 'if'], names), yes: parseNode(r, [...p, 'then'], names), no: parseNode(r, [...p, 'else'], names) };
}

function parseCondition(r: SpecReader, p: Path, names: string[]): Condition {
  const text = r.string(p);
  const m = /^\s*(\S+)\s*(>=|<=|>|<|=)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return r.fail(p, `"${text}" is not a condition like "title.soft-tfidf >= 0.9"`);
  if (!names.includes(m[1]!)) r.fail(p, `no comparison named "${m[1]}"; known: ${oneOf(names)}`);
  return { key: m[1]!, op: m[2] as Condition['op'], value: Number(m[3]) };
}
