import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/vocab.js';
import { BIN } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (...args: string[]) => run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn' } });
const STW = join(import.meta.dirname, '../../fixtures/subjects/stw-8.12-subset-v16.ttl');
const BASE = 'http://localhost:8080/';

describe('libkg import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-import-subjects-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('links subject concepts to the imported thesauri after writing, as an HTTP import does', { timeout: 240_000 }, async () => {
    const d = join(dir, 'data');
    // A concept another mapping minted from the subject string "Produktionsstatistik" (MARC 650 $a, a DataCite keyword).
    const minted = join(dir, 'minted.nt');
    writeFileSync(minted, `<${BASE}id/concept/keyword-produktionsstatistik> <${NS.skos('prefLabel')}> "Produktionsstatistik"@de .\n`);
    const first = await libkg('import', '--data-dir', d, STW, minted);
    expect(first.stdout).toContain('subjectLinks: {"concepts":1,"links":1,"written":true}');
    const dump = (await libkg('dump', '--data-dir', d)).stdout;
    expect(dump).toContain(
      `<${BASE}id/concept/keyword-produktionsstatistik> <${NS.skos('closeMatch')}> <http://zbw.eu/stw/descriptor/15105-4> <${BASE}graph/links/subjects> .`,
    );
    // Nothing written, nothing to link again.
    const again = await libkg('import', '--data-dir', d, minted);
    expect(again.stdout).toContain('written 0, unchanged 1');
    expect(again.stdout).not.toContain('subjectLinks');
  });

  it('skips the linking steps with --no-link, and writes no empty links graph when nothing links', { timeout: 120_000 }, async () => {
    const d = join(dir, 'no-link');
    const r = await libkg('import', '--data-dir', d, '--no-link', STW);
    expect(r.stdout).toContain('written 215');
    expect(r.stdout).not.toContain('subjectLinks');
    const nothing = await libkg('import', '--data-dir', join(dir, 'nothing'), STW);
    expect(nothing.stdout).toContain('subjectLinks: {"concepts":0,"links":0,"written":false}');
    const lastSeq = async (data: string) => JSON.parse((await libkg('stats', '--data-dir', data)).stdout).lastSeq as number;
    expect(await lastSeq(join(dir, 'nothing'))).toBe(await lastSeq(d));
    expect((await libkg('dump', '--data-dir', d)).stdout).not.toContain('graph/links/subjects');
  });
});
