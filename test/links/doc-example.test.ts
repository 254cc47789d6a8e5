/** The worked example of docs/link-spec-format.md parses, runs and finds the links the document lists. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type LinkEntity, matchEntities } from '../../src/links/engine/index.js';
import { parseLinkSpec } from '../../src/links/spec/parse.js';

const DOC = readFileSync(new URL('../../docs/link-spec-format.md', import.meta.url), 'utf8');

function block(marker: string): string {
  const m = new RegExp(`<!-- worked-example:${marker} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(DOC);
  if (!m) throw new Error(`docs/link-spec-format.md has no worked-example:${marker} block`);
  return m[1]!;
}

describe('docs/link-spec-format.md worked example', () => {
  it('parses and finds exactly the links listed', () => {
    const spec = parseLinkSpec(block('spec'), 'docs/link-spec-format.md');
    const { sources, targets } = JSON.parse(block('entities')) as { sources: LinkEntity[]; targets: LinkEntity[] };
    const expected = JSON.parse(block('links')) as { source: string; target: string; status: string }[];
    const result = matchEntities(spec, sources, targets);
    expect(result.pairs.map(({ source, target, status }) => ({ source, target, status }))).toEqual(expected);
    const goethe = result.pairs.find((p) => p.source === 'c:goethe')!;
    expect(goethe.evidence['shared-works']).toBe(1);
    // Mann/Mann was a candidate (shared token) and was compared, but not linked.
    expect(result.stats.candidates).toBe(4);
  });
});
