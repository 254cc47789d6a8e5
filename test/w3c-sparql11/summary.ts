/** Pass counts per category of the W3C suite, as a Markdown table (printed after each engine path). */
import type { EvalTest } from './manifest.js';

export function passTable(suite: EvalTest[], passed: Set<string>): string {
  const rows = new Map<string, { pass: number; total: number }>();
  for (const t of suite) {
    const r = rows.get(t.category) ?? { pass: 0, total: 0 };
    r.total++;
    if (passed.has(t.id)) r.pass++;
    rows.set(t.category, r);
  }
  const all = [...rows.values()].reduce((a, r) => ({ pass: a.pass + r.pass, total: a.total + r.total }), { pass: 0, total: 0 });
  const lines = [...rows].map(([c, r]) => `| ${c} | ${r.pass} / ${r.total} |`);
  return ['| category | passed |', '|---|---|', ...lines, `| all | ${all.pass} / ${all.total} |`].join('\n');
}
