import { describe, expect, it } from 'vitest';
import { candidatePairs } from '../../src/links/block/candidates.js';
import { qgrams } from '../../src/links/block/keys.js';
import type { BlockingKey } from '../../src/links/model/spec.js';

const key = (method: BlockingKey['method'], extra: Partial<BlockingKey> = {}): BlockingKey => ({
  value: 'v',
  method,
  q: 3,
  window: 1,
  maxBlock: 1000,
  rarest: 0,
  ...extra,
});

/** Candidate pairs as "i-j" strings. */
function pairs(keys: BlockingKey[], src: string[][], tgt: string[][] | 'same'): string[] {
  const dedup = tgt === 'same';
  const t = dedup ? src : tgt;
  const c = candidatePairs(keys, src.length, t.length, dedup, (_v, side, i) => (side === 'source' && !dedup ? src[i]! : t[i]!));
  const out: string[] = [];
  for (let i = 0; i < src.length; i++) for (let p = c.offsets[i]!; p < c.offsets[i + 1]!; p++) out.push(`${i}-${c.targets[p]}`);
  expect(c.count).toBe(out.length);
  return out;
}

describe('blocking', () => {
  it('token blocking pairs entities that share a token, each pair once', () => {
    expect(pairs([key('tokens')], [['data base'], ['xml']], [['base data'], ['query'], ['xml data']])).toEqual(['0-0', '0-2', '1-2']);
  });

  it('is the union over keys, without repeating a pair found by two keys', () => {
    const src = [['smith john'], ['jones']];
    const tgt = [['smyth john'], ['jonas']];
    expect(pairs([key('tokens')], src, tgt)).toEqual(['0-0']);
    expect(pairs([key('qgrams')], src, tgt)).toEqual(['0-0', '1-1']);
    expect(pairs([key('tokens'), key('qgrams')], src, tgt)).toEqual(['0-0', '1-1']);
  });

  it('deduplication never pairs an entity with itself nor lists a pair twice', () => {
    const ents = [['a b'], ['a c'], ['b c'], ['a b c'], ['z']];
    const found = pairs([key('tokens'), key('qgrams', { q: 1 }), key('sorted-neighbourhood', { window: 2 })], ents, 'same');
    const unordered = found.map((p) => p.split('-').map(Number).sort().join('-'));
    expect(found.every((p) => p.split('-')[0] !== p.split('-')[1])).toBe(true);
    expect(new Set(unordered).size).toBe(unordered.length);
    // key order a b | a b c | a c | b c | z: the window of 2 reaches z from "a c" and "b c".
    expect(new Set(unordered)).toEqual(new Set(['0-1', '0-2', '0-3', '1-2', '1-3', '2-3', '1-4', '2-4']));
  });

  it('deduplication with rarest keys keeps a pair found from either end once', () => {
    // 0's rarest token is "p" (which 1 lacks); 1 holds only "q", shared with 0: the pair is seen from 1's end only.
    const ents = [['p q'], ['q'], ['p'], ['q'], ['q']];
    const found = pairs([key('tokens', { rarest: 1 })], ents, 'same');
    const unordered = found.map((p) => p.split('-').map(Number).sort().join('-'));
    expect(new Set(unordered).size).toBe(unordered.length);
    expect(unordered).toContain('0-1');
  });

  it('skips keys held by more entities than max-block', () => {
    const src = [['the cat'], ['the dog']];
    const tgt = [['the cat'], ['the bird'], ['the fish']];
    expect(pairs([key('tokens', { maxBlock: 2 })], src, tgt)).toEqual(['0-0']);
    expect(pairs([key('tokens', { maxBlock: 3 })], src, tgt)).toHaveLength(6);
  });

  it('rarest keeps only the least common keys of a source', () => {
    const src = [['the rare']];
    const tgt = [['the rare'], ['the'], ['the']];
    expect(pairs([key('tokens', { rarest: 1 })], src, tgt)).toEqual(['0-0']);
  });

  it('sorted neighbourhood pairs entries within the window in key order', () => {
    const src = [['b'], ['m']];
    const tgt = [['a'], ['c'], ['n'], ['z']];
    // order: a(t0) b(s0) c(t1) m(s1) n(t2) z(t3)
    expect(pairs([key('sorted-neighbourhood', { window: 1 })], src, tgt)).toEqual(['0-0', '0-1', '1-1', '1-2']);
  });

  it('identifier blocking uses whole values; q-grams ignore spaces', () => {
    expect(pairs([key('identifier')], [['978 1'], ['978']], [['978'], ['978 1']])).toEqual(['0-1', '1-0']);
    expect(qgrams('ab cd', 3)).toEqual(['abc', 'bcd']);
    expect(qgrams('ab', 3)).toEqual(['ab']);
  });
});
