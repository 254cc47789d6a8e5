import { describe, expect, it } from 'vitest';
import { type LinkEntity, matchEntities } from '../../src/links/engine/index.js';
import { MAX_VALUE_CHARS } from '../../src/links/engine/prepare.js';
import { parseLinkSpec } from '../../src/links/spec/parse.js';

const spec = (tail: string) =>
  parseLinkSpec(
    `id: people
source: { class: foaf:Person }
target: { class: foaf:Person }
values:
  name: { path: foaf:name, transforms: [lowercase, fold-diacritics, strip-punctuation] }
  born: { path: schema:birthDate, transforms: [year] }
  orcid: { path: libkg:orcid, transforms: [orcid] }
blocking:
  - { value: name, method: tokens }
  - { value: orcid, method: identifier }
${tail}`,
    'people.yaml',
  );

const WEIGHTED = `compare:
  - { value: name, using: jaro-winkler, weight: 3 }
  - { value: born, using: year-distance, max: 4, weight: 1 }
accept: 0.9
review: 0.8
`;

const person = (iri: string, name: string, born?: string, orcid?: string): LinkEntity => ({
  iri,
  values: { name: [name], ...(born ? { born: [born] } : {}), ...(orcid ? { orcid: [orcid] } : {}) },
});

const catalogue = [person('c:1', 'Goethe, Johann Wolfgang', '1749'), person('c:2', 'Dvořák, Antonín', '1841'), person('c:3', 'Smith, John', '1950')];
const authority = [person('a:1', 'Goethe Johann Wolfgang von', '1749-08-28'), person('a:2', 'Dvorak Antonin', '1841'), person('a:3', 'Smith, Joan', '1990')];

describe('matchEntities', () => {
  it('links look-alikes with a score, evidence and a status between the thresholds', () => {
    const r = matchEntities(spec(WEIGHTED), catalogue, authority);
    const byPair = new Map(r.pairs.map((p) => [`${p.source} ${p.target}`, p]));
    expect(byPair.get('c:2 a:2')).toMatchObject({ score: 1, status: 'accepted', evidence: { 'name.jaro-winkler': 1, 'born.year-distance': 1 } });
    expect(byPair.get('c:1 a:1')?.status).toBe('accepted');
    // Smith, John (1950) / Smith, Joan (1990): names alike, years 40 apart: below review.
    expect(byPair.has('c:3 a:3')).toBe(false);
    expect(r.stats.candidates).toBeGreaterThanOrEqual(3);
    expect(r.stats.compared).toBe(r.stats.candidates);
    expect(r.stats.reductionRatio).toBeCloseTo(1 - r.stats.candidates / 9, 10);
  });

  it('leaves a comparison out where a side has no value, unless `missing` gives a score', () => {
    const noYear = [person('c:9', 'Dvorak, Antonin')];
    const left = matchEntities(spec(WEIGHTED), noYear, authority).pairs.find((p) => p.target === 'a:2');
    expect(left).toMatchObject({ score: 1, evidence: { 'name.jaro-winkler': 1 } });
    expect(left!.evidence).not.toHaveProperty('born.year-distance');
    const punished = matchEntities(
      spec(WEIGHTED.replace('weight: 1 }', 'weight: 1, missing: 0 }').replace('review: 0.8', 'review: 0.7')),
      noYear,
      authority,
    ).pairs;
    expect(punished.find((p) => p.target === 'a:2')?.score).toBe(0.75);
  });

  it('min, max and a decision tree aggregate the same evidence differently', () => {
    const base = WEIGHTED.replace('accept: 0.9\nreview: 0.8', 'accept: 0.5\nreview: 0');
    const one = (agg: string) => matchEntities(spec(`${base}aggregate: ${agg}\n`), [catalogue[2]!], [authority[2]!]).pairs[0]!.score;
    expect(one('min')).toBe(0);
    expect(one('max')).toBeGreaterThan(0.9);
    const tree = `\n  tree:\n    if: "born.year-distance < 0.5"\n    then: 0.1\n    else: max`;
    expect(one(tree)).toBe(0.1);
  });

  it('identifier blocking finds a pair that shares no name token', () => {
    const s = spec(`compare:\n  - { value: orcid, using: identifier }\naccept: 1\n`);
    const r = matchEntities(
      s,
      [person('c:1', 'J. W. G.', undefined, 'https://orcid.org/0000-0002-1825-0097')],
      [person('o:1', 'Goethe', undefined, '0000000218250097')],
    );
    expect(r.pairs).toMatchObject([{ source: 'c:1', target: 'o:1', score: 1, status: 'accepted' }]);
  });

  it('deduplicates one set: no self links, each pair once', () => {
    const ents = [
      person('x:1', 'Ada Lovelace', '1815'),
      person('x:2', 'Lovelace, Ada', '1815'),
      person('x:3', 'Ada Lovelace', '1815'),
      person('x:4', 'Alan Turing', '1912'),
    ];
    const s = spec(WEIGHTED.replace('jaro-winkler', 'token-jaccard'));
    const r = matchEntities(s, ents, 'same');
    const pairs = r.pairs.map((p) => [p.source, p.target].sort().join(' '));
    expect(pairs.sort()).toEqual(['x:1 x:2', 'x:1 x:3', 'x:2 x:3']);
    expect(r.stats.reductionRatio).toBeCloseTo(1 - r.stats.candidates / 6, 10);
  });

  it('best keeps pairs within the margin of both ends and drops weaker look-alikes', () => {
    const s = spec(`${WEIGHTED.replace('review: 0.8', 'review: 0.5')}best: { margin: 0.02 }\n`);
    const src = [person('s:1', 'Book Review Column', '2002')];
    const tgt = [person('t:1', 'book review column', '2002'), person('t:2', 'Book review column', '2002'), person('t:3', 'Book review column', '2003')];
    expect(matchEntities(s, src, tgt).pairs.map((p) => p.target)).toEqual(['t:1', 't:2']);
  });

  it('reports progress and stops when aborted', () => {
    const many = Array.from({ length: 300 }, (_, i) => person(`m:${i}`, `name ${i % 3}`));
    const seen: [number, number][] = [];
    const r = matchEntities(spec(WEIGHTED), many, many, { onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.at(-1)).toEqual([r.stats.compared, r.stats.candidates]);
    expect(seen.length).toBeGreaterThan(1);
    const ac = new AbortController();
    ac.abort(new Error('cancelled by test'));
    expect(() => matchEntities(spec(WEIGHTED), many, many, { signal: ac.signal })).toThrow('cancelled by test');
  });

  it('stops before comparing when the signal is already aborted, even on a small run', () => {
    const ac = new AbortController();
    ac.abort(new Error('cancelled early'));
    expect(() => matchEntities(spec(WEIGHTED), catalogue, authority, { signal: ac.signal })).toThrow('cancelled early');
  });

  it('reads at most MAX_VALUE_CHARS of a value, so one huge value cannot stall a run', () => {
    const long = 'a'.repeat(MAX_VALUE_CHARS);
    const s = spec(`compare:\n  - { value: name, using: levenshtein }\naccept: 1\n`);
    const r = matchEntities(s, [person('s:1', `${long}x`)], [person('t:1', `${long}${'y'.repeat(100_000)}`)]);
    expect(r.pairs).toMatchObject([{ source: 's:1', target: 't:1', score: 1 }]);
  });
});
