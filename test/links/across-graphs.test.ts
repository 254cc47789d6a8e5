/** `pairs: across-graphs` (deduplication that pairs only entities of different graph groups) and `best.twins`. */
import { describe, expect, it } from 'vitest';
import { isLibkgError } from '../../src/errors.js';
import { type LinkEntity, matchEntities } from '../../src/links/engine/index.js';
import { parseLinkSpec } from '../../src/links/spec/parse.js';

const spec = (head: string, best = '{ margin: 0.03 }') =>
  parseLinkSpec(
    `id: pubs
${head}
values:
  title: { path: dct:title, transforms: [lowercase] }
  year: { path: dct:issued, transforms: [year] }
blocking:
  - { value: title, method: tokens }
compare:
  - { value: title, using: jaro-winkler, weight: 3 }
  - { value: year, using: year-distance, max: 2, weight: 1 }
accept: 0.8
best: ${best}
`,
    'pubs.yaml',
  );

const ACROSS = 'source: { class: bibo:Document, graph: "{base}graph/table/" }\ntarget: same\npairs: across-graphs';
const pub = (iri: string, group: string, title: string, year: string): LinkEntity => ({ iri, group, values: { title: [title], year: [year] } });

describe('pairs: across-graphs', () => {
  const entities = [
    pub('a:1', 'A', 'Query optimisation in practice', '2001'),
    pub('a:2', 'A', 'Query optimisation in practice', '2001'),
    pub('b:1', 'B', 'Query optimisation in practice', '2001'),
  ];

  it('never pairs two entities of one group, and counts only cross-group pairs as all pairs', () => {
    const r = matchEntities(spec(ACROSS), entities, 'same');
    const pairs = r.pairs.map((p) => [p.source, p.target].sort().join(' ')).sort();
    expect(pairs).toEqual(['a:1 b:1', 'a:2 b:1']);
    expect(r.stats.candidates).toBe(2);
    // 2 × 1 cross pairs, both candidates: nothing blocked out.
    expect(r.stats.reductionRatio).toBe(0);
  });

  it('pairs all when the option is absent (plain deduplication)', () => {
    const r = matchEntities(spec('source: { class: bibo:Document }\ntarget: same'), entities, 'same');
    expect(r.stats.candidates).toBe(3);
  });

  it('is refused without target: same or without a graph prefix, naming the key', () => {
    for (const head of [
      'source: { class: bibo:Document, graph: "{base}graph/table/" }\ntarget: { class: bibo:Document }\npairs: across-graphs',
      'source: { class: bibo:Document }\ntarget: same\npairs: across-graphs',
    ]) {
      let error: unknown;
      try {
        spec(head);
      } catch (e) {
        error = e;
      }
      expect(isLibkgError(error) && error.code).toBe('LINK_SPEC_INVALID');
      expect((error as Error).message).toMatch(/pairs.*"across-graphs" needs "target: same"/);
    }
  });
});

describe('best.twins', () => {
  // b:2 is b:1 recorded again with a typo: it scores below b:1's margin against a:1.
  const entities = [
    pub('a:1', 'A', 'Adaptive query processing', '2001'),
    pub('b:1', 'B', 'Adaptive query processing', '2001'),
    pub('b:2', 'B', 'Adaptive qery processing', '2001'),
    pub('b:3', 'B', 'Adaptive query processing', '2000'),
  ];
  const linked = (best: string) =>
    matchEntities(spec(ACROSS, best), entities, 'same')
      .pairs.filter((p) => p.status === 'accepted')
      .map((p) => [p.source, p.target].sort().join(' '))
      .sort();

  it('keeps the link of a twin the margin alone drops, and not that of a record a year apart', () => {
    // b:3 (a year apart) scores 0.875, above accept: only the best filter drops it, with or without twins.
    expect(linked('all')).toEqual(['a:1 b:1', 'a:1 b:2', 'a:1 b:3']);
    expect(linked('{ margin: 0 }')).toEqual(['a:1 b:1']);
    expect(linked('{ margin: 0, twins: 0.9 }')).toEqual(['a:1 b:1', 'a:1 b:2']);
  });
});
