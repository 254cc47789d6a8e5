import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import N3 from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (...args: string[]) => run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn' } });

const DATA = `@prefix ex: <http://ex.org/> .
ex:w1 ex:title "Ein Buch"@de , "A book"@en ; ex:creator [ ex:name "Anna" ; ex:role [ ex:code "aut" ] ] .
ex:w2 ex:title "Second \\"quoted\\" title\\nwith newline" ; ex:year 2001 ; ex:list ( 1 2 3 ) .
`;
const TRIG = `<http://ex.org/g/a> { <http://ex.org/a> <http://ex.org/p> _:x . _:x <http://ex.org/q> "in a" . }
<http://ex.org/g/b> { <http://ex.org/b> <http://ex.org/p> _:x . _:x <http://ex.org/q> "in b" . }
`;

describe('libkg dump and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-dump-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips a dataset with blank nodes into an isomorphic copy (N-Quads gzip and TriG)', async () => {
    writeFileSync(join(dir, 'data.ttl'), DATA);
    writeFileSync(join(dir, 'graphs.trig'), TRIG);
    const a = join(dir, 'a');
    await libkg('import', '--data-dir', a, join(dir, 'data.ttl'), join(dir, 'graphs.trig'));
    await libkg('dump', '--data-dir', a, '--gzip', '-o', join(dir, 'dump.nq.gz'));
    const original = new N3.Parser({ format: 'N-Quads' }).parse(gunzipSync(readFileSync(join(dir, 'dump.nq.gz'))).toString());
    expect(original.length).toBe(19);

    for (const [file, format] of [
      ['dump.nq.gz', 'nquads'],
      ['dump.trig', 'trig'],
    ] as const) {
      if (format === 'trig') await libkg('dump', '--data-dir', a, '--format', 'trig', '-o', join(dir, file));
      const b = join(dir, `restored-${format}`);
      const { stdout } = await libkg('restore', '--data-dir', b, join(dir, file));
      expect(stdout).toContain('restored 19 quads');
      const { stdout: again } = await libkg('dump', '--data-dir', b);
      const copy = new N3.Parser({ format: 'N-Quads' }).parse(again);
      expect(isomorphic(copy, original)).toBe(true);
    }
  });

  it('refuses to restore into a non-empty data dir', async () => {
    const err = await libkg('restore', '--data-dir', join(dir, 'a'), join(dir, 'dump.nq.gz')).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/not empty/);
  });
});
