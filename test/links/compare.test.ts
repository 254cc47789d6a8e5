import { describe, expect, it } from 'vitest';
import { COMPARATORS, compileComparator } from '../../src/links/compare/index.js';
import { mongeElkan, numberDistance } from '../../src/links/compare/lists.js';
import { jaccard, overlap, tokenSet } from '../../src/links/compare/sets.js';
import { jaro, jaroWinkler, levenshtein, levenshteinDistance, trigrams } from '../../src/links/compare/strings.js';
import { charMask, cosine, jaroBound, softTfIdf, TfIdfCorpus } from '../../src/links/compare/tfidf.js';
import type { Comparison } from '../../src/links/model/spec.js';

const close = (x: number, digits = 3) => Number(x.toFixed(digits));

describe('string comparators', () => {
  it('Jaro and Jaro-Winkler give the published values (Winkler 1990)', () => {
    expect(close(jaro('MARTHA', 'MARHTA'))).toBe(0.944);
    expect(close(jaroWinkler('MARTHA', 'MARHTA'))).toBe(0.961);
    expect(close(jaroWinkler('DWAYNE', 'DUANE'))).toBe(0.84);
    expect(close(jaroWinkler('DIXON', 'DICKSONX'))).toBe(0.813);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('same', 'same')).toBe(1);
  });

  it('Levenshtein counts edits and scales by the longer string', () => {
    expect(levenshteinDistance('kitten', 'sitting')).toBe(3);
    expect(levenshteinDistance('', 'abc')).toBe(3);
    expect(levenshteinDistance('flaw', 'lawn')).toBe(2);
    expect(close(levenshtein('kitten', 'sitting'))).toBe(close(1 - 3 / 7));
    // a long string after a short one: the rows grow.
    expect(levenshteinDistance('a'.repeat(200), 'a'.repeat(199) + 'b')).toBe(1);
  });

  it('trigrams are padded as in pg_trgm and compared by Jaccard', () => {
    expect([...trigrams('cat')]).toEqual(['  c', ' ca', 'cat', 'at ']);
    // shared: '  c', ' ca'; union 7
    expect(jaccard(trigrams('cat'), trigrams('cart'))).toBeCloseTo(2 / 7, 10);
  });

  it('the Jaro bound never undercuts the true Jaro', () => {
    const words = ['database', 'databases', 'data', 'base', 'query', 'queries', 'xml', 'mxl', 'vldb', 'sigmod'];
    for (const a of words) for (const b of words) expect(jaroBound(a, charMask(a), b, charMask(b))).toBeGreaterThanOrEqual(jaro(a, b) - 1e-12);
    expect(jaroBound('abc', charMask('abc'), 'xyz', charMask('xyz'))).toBe(0);
  });
});

describe('set and list comparators', () => {
  it('token Jaccard and overlap', () => {
    expect(jaccard(tokenSet(['a b c']), tokenSet(['b c d']))).toBe(0.5);
    expect(overlap(new Set(['x', 'y']), new Set(['y', 'z', 'w', 'v']))).toBe(0.5);
    expect(overlap(new Set(), new Set(['a']))).toBe(0);
  });

  it('Monge-Elkan averages best inner matches both ways', () => {
    const names = (s: string) => s.split(',');
    expect(mongeElkan(names('smith,jones'), names('jones,smith'), jaroWinkler)).toBe(1);
    // one list has an extra name: 1 one way, (1 + 0)/2 or so the other way
    const me = mongeElkan(['smith'], ['smith', 'zzz'], jaroWinkler);
    expect(me).toBeCloseTo((1 + 0.5) / 2, 5);
  });

  it('year and number distance fall linearly to 0 at max', () => {
    expect(numberDistance([2001], [2001], 2)).toBe(1);
    expect(numberDistance([2001], [2002], 2)).toBe(0.5);
    expect(numberDistance([2001], [2004], 2)).toBe(0);
    expect(numberDistance([1990, 2001], [2002], 2)).toBe(0.5);
    expect(numberDistance([5], [5], 0)).toBe(1);
  });
});

describe('TF-IDF', () => {
  const corpus = new TfIdfCorpus();
  const docs = ['query optimization in databases', 'query processing', 'xml query languages', 'mining association rules'];
  for (const d of docs) corpus.add([d]);

  it('cosine is 1 for the same words and 0 for disjoint ones', () => {
    expect(cosine(corpus.vector(['query processing'])!, corpus.vector(['processing query'])!)).toBeCloseTo(1, 10);
    expect(cosine(corpus.vector(['query processing'])!, corpus.vector(['mining association rules'])!)).toBe(0);
  });

  it('weighs rare words above common ones (IDF over the run)', () => {
    const q = corpus.vector(['query processing'])!;
    const withCommon = cosine(q, corpus.vector(['query languages'])!);
    const withRare = cosine(q, corpus.vector(['processing languages'])!);
    expect(withRare).toBeGreaterThan(withCommon);
  });

  it('soft-TF-IDF counts near-identical words that plain cosine misses', () => {
    const a = corpus.vector(['query optimisation in databases'])!;
    const b = corpus.vector(['query optimization in databases'])!;
    const inner = { sim: jaroWinkler, minJaro: (0.9 - 0.4) / 0.6 };
    expect(softTfIdf(a, b, inner, 0.9)).toBeGreaterThan(cosine(a, b) + 0.2);
    expect(softTfIdf(a, b, { sim: jaroWinkler, minJaro: 0 }, 0.9)).toBeCloseTo(softTfIdf(a, b, inner, 0.9), 12);
  });
});

describe('compiled comparators', () => {
  const c = (using: string, extra: Partial<Comparison> = {}): Comparison => ({
    name: using,
    value: 'v',
    using,
    weight: 1,
    inner: 'jaro-winkler',
    threshold: 0.9,
    max: 2,
    missing: undefined,
    ...extra,
  });

  it('every registered comparator prepares and scores in [0, 1], undefined without values', () => {
    const run = () => [['data base systems'], ['database systems'], ['2001']];
    for (const name of Object.keys(COMPARATORS)) {
      const cmp = compileComparator(c(name), run);
      expect(cmp.prepare([]), name).toBeUndefined();
      const a = cmp.prepare(['2001 data base systems']);
      const b = cmp.prepare(['2002 database systems']);
      if (a === undefined || b === undefined) continue;
      const s = cmp.score(a, b);
      expect(s, name).toBeGreaterThanOrEqual(0);
      expect(s, name).toBeLessThanOrEqual(1);
    }
  });

  it('identifier equality is 1 on a shared identifier, 0 otherwise', () => {
    const cmp = compileComparator(c('identifier'), () => []);
    expect(cmp.score(cmp.prepare(['9780306406157', 'x'])!, cmp.prepare(['9780306406157'])!)).toBe(1);
    expect(cmp.score(cmp.prepare(['9780306406157'])!, cmp.prepare(['9783161484100'])!)).toBe(0);
  });
});
