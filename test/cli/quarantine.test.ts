/**
 * A data dir written by an older version may hold a graph the engines cannot load (a graph name that
 * is not an IRI, lines with IRIs escaped as \u0020). The server must start without it and say so;
 * `libkg check` finds it, `libkg repair` removes it through the delete path and keeps a copy.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../../src/store/journal.js';
import { BIN, startChildServer, stopChild } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn' } }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

const EX = 'http://example.org/';
const INJECTED = `${EX}g> .\n<http://evil/s> <http://evil/p> <http://evil/o> <http://evil/g`;
const BAD = [
  // The graph= injection an older /store accepted.
  { graph: INJECTED, lines: [`<${EX}s> <${EX}p> "x"`] },
  // A subject with a space, written as the old serializer escaped it.
  { graph: `${EX}escaped`, lines: [`<${EX}a\\u0020b> <${EX}p> "y"`, `<${EX}ok> <${EX}p> "z"`] },
  // A graph with blank nodes (loaded through another path) and a bad %-escape.
  { graph: `${EX}bnodes`, lines: [`_:b1 <${EX}p> <${EX}%zz>`] },
];

/** Writes a graph as a journal of an older version did: straight into the tables, no validation. */
function writeLegacyGraph(j: Journal, iri: string, lines: string[]): void {
  const ts = new Date().toISOString();
  const seq = Number(
    j.db.prepare('INSERT INTO changes (graph, op, ts, added, removed) VALUES (?, ?, ?, ?, 0)').run(iri, 'put', ts, lines.length).lastInsertRowid,
  );
  const id = Number(
    j.db.prepare('INSERT INTO graphs (iri, quads, created_at, updated_at, last_seq) VALUES (?, ?, ?, ?, ?)').run(iri, lines.length, ts, ts, seq)
      .lastInsertRowid,
  );
  j.db.prepare('INSERT INTO graph_data (g, body) VALUES (?, ?)').run(id, lines.join('\n'));
}

type Health = { status: string; quarantined: { count: number; graphs: { graph: string; reason: string }[] } };

const dir = mkdtempSync(join(tmpdir(), 'libkg-quarantine-'));
const sparql = async (url: string, q: string) => {
  const r = await fetch(`${url}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'application/sparql-results+json' } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
};

beforeAll(() => {
  const j = new Journal(join(dir, 'libkg.sqlite'), 1_000_000);
  j.replaceGraphs([{ iri: `${EX}good`, lines: [`<${EX}book> <${EX}title> "Good"`], source: 'test' }]);
  for (const b of BAD) writeLegacyGraph(j, b.graph, b.lines);
  j.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('A journal holding graphs the engines cannot load', () => {
  it('the server starts, answers SPARQL without them, and /health lists them', async () => {
    const s = await startChildServer(dir, ['--engines', '1']);
    try {
      const health = (await (await fetch(`${s.url}/health`)).json()) as Health;
      expect(health.status).toBe('ok');
      expect(health.quarantined.count).toBe(3);
      expect(health.quarantined.graphs.map((g) => g.graph).sort()).toEqual(BAD.map((b) => b.graph).sort());
      expect(health.quarantined.graphs.find((g) => g.graph === INJECTED)?.reason).toMatch(/graph name is not a valid IRI/);
      const rows = await sparql(s.url, 'SELECT ?s ?g { GRAPH ?g { ?s ?p ?o } }');
      expect(rows.map((r) => r.s?.value)).toEqual([`${EX}book`]);
      expect(s.output()).toMatch(/3 graph\(s\) of the journal do not load/);
      expect(s.output()).not.toMatch(/catch-up failed/);
      // Reading the graph that does not parse says what to do instead of an anonymous 500.
      const get = await fetch(`${s.url}/store?graph=${encodeURIComponent(`${EX}escaped`)}`, { headers: { accept: 'application/n-triples' } });
      expect(get.status).toBe(500);
      expect(((await get.json()) as { detail: string }).detail).toMatch(/does not parse|do not parse.*libkg repair/);
    } finally {
      await stopChild(s.proc);
    }
  }, 90_000);

  it('libkg check exits 3 naming each bad graph (escaped) and the reason', async () => {
    const r = await libkg(['check', '--data-dir', dir]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('bad graph <http://example.org/g\\u003E\\u0020.\\u000A\\u003Chttp://evil/s');
    expect(r.stdout).toMatch(/bad graph <http:\/\/example\.org\/escaped> \(2 lines\): .*Invalid IRI code point/);
    expect(r.stdout).toMatch(/bad graph <http:\/\/example\.org\/bnodes> \(1 lines\): .*percent/);
    expect(r.stdout).toContain('4 graphs checked, 3 bad');
  }, 30_000);

  it('libkg check on a data dir without a journal says so (exit 5), not a stack trace', async () => {
    const r = await libkg(['check', '--data-dir', join(dir, 'nothing-here')]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('there is no journal at');
  }, 30_000);

  it('libkg repair --dry-run changes nothing', async () => {
    const r = await libkg(['repair', '--dry-run', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 would be removed');
    expect((await libkg(['check', '--data-dir', dir])).code).toBe(3);
    expect(readdirSync(dir).filter((f) => f.startsWith('quarantine-'))).toEqual([]);
  }, 30_000);

  it('libkg repair keeps a copy, removes them through the change log; then check is clean and a restart too', async () => {
    const r = await libkg(['repair', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/removed 3 graph\(s\)/);
    const [copy] = readdirSync(dir).filter((f) => /^quarantine-.*\.nq\.txt$/.test(f));
    expect(copy).toBeDefined();
    const text = readFileSync(join(dir, copy as string), 'utf8');
    for (const b of BAD) for (const l of b.lines) expect(text).toContain(l);
    const check = await libkg(['check', '--data-dir', dir]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('0 bad');
    // The deletions are in the change log (LDES, OAI-PMH and search follow it).
    const j = new Journal(join(dir, 'libkg.sqlite'), 1_000_000, { readonly: true });
    const deletes = j.changes(0, 100).filter((c) => c.op === 'delete');
    j.close();
    expect(deletes.map((c) => c.graph).sort()).toEqual(BAD.map((b) => b.graph).sort());
    const s = await startChildServer(dir, ['--engines', '1']);
    try {
      const health = (await (await fetch(`${s.url}/health`)).json()) as Health;
      expect(health.quarantined.count).toBe(0);
      expect((await sparql(s.url, 'SELECT ?s { GRAPH ?g { ?s ?p ?o } }')).map((x) => x.s?.value)).toEqual([`${EX}book`]);
    } finally {
      await stopChild(s.proc);
    }
  }, 90_000);
});
