import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashLines } from '../../src/rdf/nquads.js';
import { Journal } from '../../src/store/journal.js';

const dirs: string[] = [];
const open = () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-journal-'));
  dirs.push(dir);
  return new Journal(join(dir, 'j.sqlite'), 1000);
};
const write = (iri: string, lines: string[], source?: string) => ({ iri, lines: [...lines].sort(), source });
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Journal.replaceGraphs over a batch', () => {
  it('creates, replaces and skips graphs in one transaction, with one change per written graph', () => {
    const j = open();
    const a = ['<http://x/a> <http://x/p> "1"', '<http://x/a> <http://x/p> "2"'];
    const first = j.replaceGraphs([write('http://x/g1', a, 'f.mrc'), write('http://x/g2', ['<http://x/b> <http://x/p> "3"'])]);
    expect(first.written).toEqual(['http://x/g1', 'http://x/g2']);
    expect(j.size).toBe(3);
    expect(j.graphInfo('http://x/g1')).toMatchObject({ quads: 2, source: 'f.mrc', lastSeq: first.firstSeq });

    // g1 unchanged, g2 emptied, g3 new and written twice in the same batch (the second wins).
    const second = j.replaceGraphs([
      write('http://x/g1', a),
      write('http://x/g2', []),
      write('http://x/g3', ['<http://x/c> <http://x/p> "4"']),
      write('http://x/g3', ['<http://x/c> <http://x/p> "5"', '<http://x/c> <http://x/p> "6"']),
    ]);
    expect(second.unchanged).toEqual(['http://x/g1']);
    expect(second.written).toEqual(['http://x/g2', 'http://x/g3', 'http://x/g3']);
    expect(j.graphLines('http://x/g2')).toEqual([]);
    expect(j.graphLines('http://x/g3')).toEqual(['<http://x/c> <http://x/p> "5"', '<http://x/c> <http://x/p> "6"']);
    expect(j.graphInfo('http://x/g3')).toMatchObject({ quads: 2, lastSeq: second.lastSeq });
    expect(j.graphInfo('http://x/g1')?.source).toBe('f.mrc');
    expect(j.size).toBe(4);
    j.recount();
    expect(j.size).toBe(4);
    j.close();
  });

  it('finds unchanged content by comparing the stored lines, also after unsorted writes and in hashed rows', () => {
    const j = open();
    const lines = ['<http://x/a> <http://x/p> "2"', '<http://x/a> <http://x/p> "1"'];
    // SPARQL Update / Graph Store POST path: lines land in arrival order, unsorted.
    j.applyDeltas(new Map([['http://x/g1', { add: lines, del: [] }]]), 'put');
    expect(j.replaceGraphs([write('http://x/g1', lines)]).unchanged).toEqual(['http://x/g1']);

    // Same number of lines, other content: written.
    const changed = j.replaceGraphs([write('http://x/g1', ['<http://x/a> <http://x/p> "1"', '<http://x/a> <http://x/p> "3"'])]);
    expect(changed.written).toEqual(['http://x/g1']);
    expect(j.graphLines('http://x/g1')).toContain('<http://x/a> <http://x/p> "3"');

    // A journal written by an older version kept a SHA-1 per graph: it is still what decides.
    const sorted = ['<http://x/a> <http://x/p> "1"', '<http://x/a> <http://x/p> "3"'];
    j.db.prepare('UPDATE graphs SET hash = ? WHERE iri = ?').run(hashLines(sorted), 'http://x/g1');
    expect(j.replaceGraphs([write('http://x/g1', sorted)]).unchanged).toEqual(['http://x/g1']);
    j.db.prepare('UPDATE graphs SET hash = ? WHERE iri = ?').run('not-the-hash', 'http://x/g1');
    expect(j.replaceGraphs([write('http://x/g1', sorted)]).written).toEqual(['http://x/g1']);
    j.close();
  });
});
