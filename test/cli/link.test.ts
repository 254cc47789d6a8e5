/**
 * `libkg link` as a user runs it (bin/libkg.js from dist/: run `npm run build` first): tables
 * imported with the generic mapping, `link eval` scored against a truth file, `link run` writing
 * the link graph, `link list`, and a broken spec refused before anything runs.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn' } }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

const MAPPING = fileURLToPath(new URL('../../mappings/bibliographic-table.yaml', import.meta.url));
const HEADER = 'id,title,authors,venue,year\n';
/** Exact titles after folding: two of the three true pairs, and one wrong pair (a shared title). */
const SPEC = `id: tables
version: 2
source: { class: bibo:Document, graph: "{base}graph/table/left/" }
target: { class: bibo:Document, graph: "{base}graph/table/right/" }
values:
  title: { path: dct:title, transforms: [lowercase, fold-diacritics, strip-punctuation] }
blocking:
  - { value: title, method: tokens }
compare:
  - { value: title, using: exact, weight: 1 }
accept: 1
review: 1
link: owl:sameAs
`;

let dir: string;
const data = () => join(dir, 'data');
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-link-cli-'));
  writeFileSync(join(dir, 'left.csv'), `${HEADER}a1,"Query Optimisation!",Ann Lee,VLDB,2001\na2,Streams,Bob Roe,VLDB,2002\na3,Indexes,Cy Doe,VLDB,2003\n`);
  writeFileSync(
    join(dir, 'right.csv'),
    `${HEADER}1,query optimisation,A. Lee,,2001\n2,Streams,B. Roe,,2002\n3,Index structures,C. Doe,,2003\n4,Streams,Someone Else,,1990\n`,
  );
  writeFileSync(join(dir, 'truth.csv'), '"idLeft","idRight"\n"a1",1\n"a2",2\n"a3",3\n');
  writeFileSync(join(dir, 'tables.yaml'), SPEC);
  writeFileSync(join(dir, 'broken.yaml'), 'id: broken\nversion: 1\n');
  const imported = await libkg(['import', '--data-dir', data(), '--mapping', MAPPING, join(dir, 'left.csv'), join(dir, 'right.csv')]);
  expect(imported.stdout).toContain('written 7');
  // The import ran the shipped link specs over what it wrote; one that finds nothing writes no graph. A. Lee and Ann Lee
  // share no id, date or co-author: persons.yaml v3 leaves them for review rather than accept a surname and an initial.
  expect(imported.stdout).toMatch(
    /^links\/persons: \{"sources":7,"targets":7,"accepted":\d+,"review":[1-9]\d*,"written":true,"mode":"full","compared":\d+\}$/m,
  );
  expect(imported.stdout).toContain('links/works: {"sources":0,"targets":0,"accepted":0,"review":0,"written":false,"mode":"full","compared":0}');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('libkg link', () => {
  it('after an import that changed one record, compares only the pairs of the persons it names', async () => {
    mkdirSync(join(dir, 'changed'), { recursive: true });
    const changed = join(dir, 'changed', 'left.csv');
    writeFileSync(changed, `${HEADER}a1,"Query Optimisation!",Ann Lee,VLDB,2001\na2,Streams,Bob Rowe,VLDB,2002\na3,Indexes,Cy Doe,VLDB,2003\n`);
    const r = await libkg(['import', '--data-dir', data(), '--mapping', MAPPING, changed]);
    expect(r.stdout).toContain('written 1');
    const persons = /^links\/persons: (\{.*\})$/m.exec(r.stdout)?.[1];
    // Bob Rowe is new (blocked with nobody: compared with none); the old Bob Roe is no longer named by a2 but by nothing else either.
    expect(JSON.parse(persons ?? '{}')).toMatchObject({ mode: 'incremental', written: true });
    expect(JSON.parse(persons ?? '{}').compared).toBeLessThan(3);
    const full = await libkg(['link', 'run', 'persons', '--full', '--data-dir', data()]);
    // Bob Roe, named by a2 alone, is gone; Bob Rowe stands in his place.
    expect(full.stdout).toMatch(/persons: 7 sources, 7 targets, \d+ pairs compared/);
  }, 120_000);

  it('eval prints precision, recall, F1, pairs and seconds on its last line and writes the pairs', async () => {
    const r = await libkg(['link', 'eval', join(dir, 'tables.yaml'), '--data-dir', data(), '--truth', join(dir, 'truth.csv'), '--pairs', join(dir, 'out.csv')]);
    expect(r.code, r.stderr).toBe(0);
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^precision=0\.6667 recall=0\.6667 f1=0\.6667 pairs=3 seconds=\d+\.\d$/);
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('id1,id2,score');
    expect(csv.slice(1).sort()).toEqual(['a1,1,1', 'a2,2,1', 'a2,4,1']);
    // Plain progress lines on a pipe.
    expect(r.stderr).toContain('link tables: comparing');
  }, 120_000);

  it('run writes the link graph, and list shows it; a broken spec is refused naming its file', async () => {
    const ran = await libkg(['link', 'run', join(dir, 'tables.yaml'), '--data-dir', data()]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/tables: 3 sources, 4 targets, 3 pairs compared, 3 accepted, 0 to review .*graph\/links\/tables/);
    const list = await libkg(['link', 'list', '--data-dir', data()]);
    expect(list.stdout).toMatch(/^persons\tv3\t.*\(\d+ quads, run /m);
    expect(list.stdout).toMatch(/^works\tv2\t.*\(not run\)$/m);
    const broken = await libkg(['link', 'run', join(dir, 'broken.yaml'), '--data-dir', data()]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.yaml');
    const unknown = await libkg(['link', 'run', 'nope', '--data-dir', data()]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('persons, publications, works');
  }, 120_000);
});
