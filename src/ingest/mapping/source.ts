/** Compiles value sources (`marc`, `path`, `template`, `const` + transforms) and `when` conditions. */
import { compileMarcSelector } from './marc-selector.js';
import { compilePath } from './path-selector.js';
import type { Item, Scope, Source } from './scope.js';
import { compileTemplate, type TemplateNames } from './template.js';
import { chain, NAMED_TRANSFORMS, PARAM_TRANSFORMS, type Transform } from './transforms.js';

export interface SourceSpec {
  marc?: string;
  path?: string;
  template?: string;
  const?: string | number;
  transform?: unknown;
  default?: string | number;
  split?: boolean;
  join?: string;
  subdivide?: string;
  first?: boolean;
}

export interface ConditionSpec extends SourceSpec {
  equals?: string | number;
  in?: (string | number)[];
  matches?: string;
  not?: boolean;
}

export const SOURCE_KEYS = ['marc', 'path', 'template', 'const'] as const;
const MODIFIERS = ['transform', 'default', 'split', 'join', 'subdivide', 'first'];
const TESTS = ['equals', 'in', 'matches', 'not'];

export const hasSource = (spec: object) => SOURCE_KEYS.some((k) => k in spec);

export function compileTransforms(spec: unknown): Transform | undefined {
  if (spec === undefined) return undefined;
  const list = Array.isArray(spec) ? spec : [spec];
  return chain(
    list.map((t) => {
      if (typeof t === 'string') {
        const f = NAMED_TRANSFORMS[t];
        if (!f) throw new Error(`unknown transform "${t}"`);
        return f;
      }
      if (t && typeof t === 'object' && Object.keys(t).length === 1) {
        const [name, arg] = Object.entries(t)[0] as [string, unknown];
        const make = PARAM_TRANSFORMS[name];
        if (!make) throw new Error(`unknown transform "${name}"`);
        return make(arg);
      }
      throw new Error(`bad transform ${JSON.stringify(t)}`);
    }),
  );
}

/** Checks that `spec` has exactly one source key and only known keys; `extra` are keys the caller handles. */
export function checkKeys(spec: Record<string, unknown>, extra: string[], needSource: boolean) {
  const sources = SOURCE_KEYS.filter((k) => k in spec);
  if (sources.length > 1) throw new Error(`give one of ${SOURCE_KEYS.join('/')}, not ${sources.join(' and ')}`);
  if (needSource && !sources.length) throw new Error(`needs one of ${SOURCE_KEYS.join('/')}`);
  for (const k of Object.keys(spec)) {
    if (!(SOURCE_KEYS as readonly string[]).includes(k) && !MODIFIERS.includes(k) && !extra.includes(k)) throw new Error(`unknown key "${k}"`);
  }
}

export function compileSource(spec: SourceSpec, names: TemplateNames): Source {
  let base: Source;
  if (spec.marc !== undefined) base = compileMarcSelector(String(spec.marc), { split: spec.split, join: spec.join, subdivide: spec.subdivide });
  else if (spec.path !== undefined) base = compilePath(String(spec.path));
  else if (spec.template !== undefined) {
    const t = compileTemplate(String(spec.template), names, false);
    base = (scope) => {
      const v = t(scope);
      return v === undefined || v === '' ? [] : [{ v, o: scope.element }];
    };
  } else if (spec.const !== undefined) {
    const v = String(spec.const);
    base = (scope) => [{ v, o: scope.element }];
  } else throw new Error(`needs one of ${SOURCE_KEYS.join('/')}`);

  const t = compileTransforms(spec.transform);
  const def = spec.default === undefined ? undefined : String(spec.default);
  const first = spec.first === true;
  if (!t && def === undefined && !first) return base;
  return (scope) => {
    let items = base(scope);
    if (t) {
      const out: Item[] = [];
      // One context for all items: transforms read it, none keeps it.
      const ctx = { record: scope.state.record, origin: undefined as unknown };
      for (const it of items) {
        ctx.origin = it.o;
        const v = t(it.v, ctx);
        if (v !== undefined && v !== '') out.push(v === it.v ? it : { v, o: it.o });
      }
      items = out;
    }
    if (!items.length && def !== undefined) return [{ v: def, o: scope.element }];
    return first && items.length > 1 ? items.slice(0, 1) : items;
  };
}

export type Condition = (scope: Scope) => boolean;

export function compileCondition(spec: ConditionSpec, names: TemplateNames): Condition {
  if (!spec || typeof spec !== 'object') throw new Error('a condition is an object such as { marc: "LDR/06", in: [a] }');
  checkKeys(spec as Record<string, unknown>, TESTS, true);
  const src = compileSource(spec, names);
  const tests = TESTS.slice(0, 3).filter((k) => k in spec);
  if (tests.length > 1) throw new Error(`give at most one of equals/in/matches`);
  let test: (v: string) => boolean = () => true;
  if (spec.equals !== undefined) {
    const w = String(spec.equals);
    test = (v) => v === w;
  } else if (spec.in !== undefined) {
    if (!Array.isArray(spec.in)) throw new Error('"in" takes a list');
    const set = new Set(spec.in.map(String));
    test = (v) => set.has(v);
  } else if (spec.matches !== undefined) {
    const re = new RegExp(spec.matches, 'u');
    test = (v) => re.test(v);
  }
  const negate = spec.not === true;
  return (scope) => src(scope).some((it) => test(it.v)) !== negate;
}
