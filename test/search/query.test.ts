import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isLibkgError } from '../../src/errors.js';
import { COLUMNS, ftsExpression } from '../../src/search/fts-expression.js';
import { parseQuery } from '../../src/search/query.js';

describe('parseQuery', () => {
  it('reads words, phrases, prefixes, fields and boolean operators into a tree', () => {
    expect(parseQuery('goethe faust').node).toEqual({
      kind: 'and',
      children: [
        { kind: 'term', text: 'goethe', phrase: false, prefix: false },
        { kind: 'term', text: 'faust', phrase: false, prefix: false },
      ],
    });
    expect(parseQuery('title:"die leiden" OR author:goeth*').node).toEqual({
      kind: 'or',
      children: [
        { kind: 'term', text: 'die leiden', field: 'title', phrase: true, prefix: false },
        { kind: 'term', text: 'goeth', field: 'contributor', phrase: false, prefix: true },
      ],
    });
    expect(parseQuery('goethe -faust NOT werther').node).toMatchObject({
      kind: 'and',
      children: [{ kind: 'term' }, { kind: 'not', child: { text: 'faust' } }, { kind: 'not', child: { text: 'werther' } }],
    });
    expect(parseQuery('author:(goethe OR schiller)').node).toMatchObject({
      kind: 'or',
      children: [
        { field: 'contributor', text: 'goethe' },
        { field: 'contributor', text: 'schiller' },
      ],
    });
  });

  it('takes type:, lang: and year: out of the query as filters', () => {
    const p = parseQuery('faust type:bibo:Book lang:de year:1800-1850');
    expect(p.node).toEqual({ kind: 'term', text: 'faust', phrase: false, prefix: false });
    expect(p.filters).toEqual({ types: ['bibo:Book'], langs: ['de'], years: [{ from: 1800, to: 1850 }] });
    expect(parseQuery('year:..1900').filters.years).toEqual([{ to: 1900 }]);
  });

  it('treats unknown fields as text', () => {
    expect(parseQuery('foo:bar').node).toMatchObject({ kind: 'term', text: 'foo:bar' });
    expect(parseQuery('(goethe OR schiller) -faust').node).toMatchObject({ kind: 'and' });
  });

  it('refuses malformed queries with SEARCH_SYNTAX naming the character where they go wrong', () => {
    const cases: [string, number, RegExp][] = [
      ['(', 1, /never closed/],
      ['(goethe', 1, /never closed/],
      ['goethe (faust', 8, /never closed/],
      ['goethe)', 7, /closes no/],
      ['"goethe', 1, /quote is never closed/],
      ['goethe "die leiden', 8, /quote is never closed/],
      ['AND OR', 1, /AND needs a term before it/],
      ['goethe OR', 8, /OR needs a term after it/],
      ['goethe AND OR faust', 8, /AND needs a term after it/],
      ['goethe ()', 8, /hold no term/],
      ['NOT', 1, /NOT needs a term after it/],
      ['" * ) :"', 1, /nothing|no word/],
      [':', 1, /no word/],
    ];
    for (const [q, position, reason] of cases) {
      let err: unknown;
      try {
        parseQuery(q);
      } catch (e) {
        err = e;
      }
      expect(err, q).toMatchObject({ code: 'SEARCH_SYNTAX', extra: { position } });
      expect((err as Error).message, q).toMatch(reason);
      expect((err as Error).message, q).toContain(`character ${position}`);
    }
  });

  it('refuses queries beyond its limits with a 400', () => {
    for (const q of ['x'.repeat(1001), Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '), `${'('.repeat(11)}x${')'.repeat(11)}`, 'year:soon']) {
      expect(() => parseQuery(q)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    }
  });
});

describe('ftsExpression', () => {
  it('quotes all user text as FTS5 strings and adds the alternate spellings', () => {
    expect(ftsExpression({ kind: 'term', text: 'a"b', phrase: false, prefix: false })).toBe('"a""b"');
    expect(ftsExpression({ kind: 'term', text: 'Göthe', field: 'title', phrase: false, prefix: false })).toBe('{label alt} : ("Göthe" OR "Goethe")');
    expect(ftsExpression({ kind: 'term', text: '978-3-16', phrase: false, prefix: false })).toBe('("978-3-16" OR identifier : "978316")');
    expect(ftsExpression({ kind: 'term', text: '外交', phrase: false, prefix: false })).toBe('" 外  交 "');
  });

  it('refuses a query that only excludes', () => {
    expect(() => ftsExpression(parseQuery('-goethe').node as never)).toThrow(/not negated/);
    expect(() => ftsExpression(parseQuery('goethe OR -faust').node as never)).toThrow(/not negated/);
  });

  it('never lets random hostile text make FTS5 fail (1000 generated queries)', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE fts USING fts5(${COLUMNS.join(', ')}, tokenize = 'unicode61 remove_diacritics 2')`);
    db.prepare(`INSERT INTO fts VALUES (?, ?, ?, ?, ?, ?)`).run('Goethe Faust', 'x', 'Schiller', 'Drama', '9783161484100', 'text');
    const match = db.prepare('SELECT rowid FROM fts WHERE fts MATCH ?');
    const pieces = [
      '"',
      "'",
      '(',
      ')',
      '*',
      ':',
      '-',
      '+',
      '^',
      '{',
      '}',
      'AND',
      'OR',
      'NOT',
      'NEAR',
      'NEAR(',
      ',',
      ' ',
      ' ',
      'title:',
      'id:',
      'type:',
      'goethe',
      'ö',
      '外',
      '\u0000',
      '\\',
      ';',
      '--',
      '978-3',
    ];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 1000; i++) {
      const q = Array.from({ length: 1 + rand(12) }, () => pieces[rand(pieces.length)]).join('');
      try {
        const node = parseQuery(q).node;
        if (node) match.all(ftsExpression(node));
      } catch (e) {
        expect(isLibkgError(e) && (e.code === 'BAD_REQUEST' || e.code === 'SEARCH_SYNTAX'), `${JSON.stringify(q)}: ${(e as Error).message}`).toBe(true);
      }
    }
    db.close();
  });
});
