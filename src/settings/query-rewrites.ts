/**
 * The query rewrites of `src/store/optimize/` by name, and the setting that switches them
 * (LIBKG_QUERY_REWRITES): `on` (all), `off` (none), a list of names (only those), or `on` / `off`
 * followed by `-name` / `+name` (all but, none but): each rewrite's effect can be measured alone.
 */
import type { Kind } from './kinds.js';

/** Every rewrite, named after its file in src/store/optimize/. */
export const QUERY_REWRITES = [
  'optional-minus',
  'optional-aggregate',
  'filter-equality',
  'distinct-pushdown',
  'union-distribute',
  'semi-join',
  'empty-join',
  'join-order',
  'grouped-count',
  'edge-predicates',
  'top-k',
] as const;
export type QueryRewrite = (typeof QUERY_REWRITES)[number];

const isRewrite = (name: string): name is QueryRewrite => (QUERY_REWRITES as readonly string[]).includes(name);

/** Which rewrites are on, in QUERY_REWRITES order. */
export const rewriteSwitches: Kind<readonly QueryRewrite[]> = {
  arg: 'on|off|LIST',
  parse(raw, fail) {
    if (typeof raw === 'boolean') return raw ? QUERY_REWRITES : [];
    const words = (Array.isArray(raw) ? raw : String(raw).split(',')).map((w) => w.trim().toLowerCase()).filter(Boolean);
    if (!words.length) fail(`must be on, off or a list of rewrites, got "${raw}"`);
    const on = new Set<QueryRewrite>();
    for (const [i, word] of words.entries()) {
      if (i === 0 && /^(1|true|yes|on|all)$/.test(word)) for (const r of QUERY_REWRITES) on.add(r);
      else if (i === 0 && /^(0|false|no|off|none)$/.test(word)) on.clear();
      else {
        const name = word.replace(/^[+-]/, '');
        if (!isRewrite(name)) return fail(`names no rewrite "${name}"; known: ${QUERY_REWRITES.join(', ')} (or on, off)`);
        if (word.startsWith('-')) on.delete(name);
        else on.add(name);
      }
    }
    return QUERY_REWRITES.filter((r) => on.has(r));
  },
  show(value) {
    if (value.length === QUERY_REWRITES.length) return 'on';
    return value.length ? value.join(',') : 'off';
  },
};
