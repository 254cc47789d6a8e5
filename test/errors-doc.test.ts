/**
 * docs/errors.md lists every code of the error catalogue (src/errors.ts) with its HTTP status and CLI
 * exit code, and nothing else: a code added, removed or changed on one side only fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../src/errors.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
/** Table rows: | `CODE` | status | exit | meaning | */
const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d+) \| (\d+) \| (.+) \|$/gm)].map((m) => ({
  code: m[1] as string,
  status: Number(m[2]),
  exit: Number(m[3]),
  meaning: (m[4] as string).trim(),
}));

describe('docs/errors.md', () => {
  it('lists every catalogue code once, and no other', () => {
    const documented = rows.map((r) => r.code);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.keys(ERRORS).sort());
  });

  it('gives each code the catalogue’s HTTP status and CLI exit code, and a meaning', () => {
    for (const r of rows) {
      const entry = ERRORS[r.code as keyof typeof ERRORS];
      expect({ code: r.code, status: r.status, exit: r.exit }).toEqual({ code: r.code, status: entry.status, exit: entry.exit });
      expect(r.meaning.length, r.code).toBeGreaterThan(20);
    }
  });
});
