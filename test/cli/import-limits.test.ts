import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn', ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );
const quads = async (d: string) => JSON.parse((await libkg(['stats', '--data-dir', d])).stdout).quads as number;

describe('libkg import applies the import limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-cli-limits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'ok.nt'), '<http://ex.org/a> <http://ex.org/p> "1" .\n');

  it('rejects a gzip that inflates past LIBKG_IMPORT_MAX_INFLATED and keeps the other files', async () => {
    const d = join(dir, 'bomb');
    const line = '<http://ex.org/s> <http://ex.org/p> "o" .\n';
    writeFileSync(join(dir, 'bomb.nt.gz'), gzipSync(line.repeat(20_000)));
    const r = await libkg(['import', '--strict', '--data-dir', d, join(dir, 'ok.nt'), join(dir, 'bomb.nt.gz')], {
      LIBKG_IMPORT_MAX_INFLATED: '65536',
    });
    expect(r.code).toBe(3);
    expect(`${r.stdout}${r.stderr}`).toMatch(/bomb\.nt\.gz/);
    expect(await quads(d)).toBe(1);
  });

  it('rejects a file with a token longer than LIBKG_IMPORT_MAX_TOKEN', async () => {
    const d = join(dir, 'token');
    writeFileSync(join(dir, 'long.nt'), `<http://ex.org/s> <http://ex.org/p> <http://ex.org/${'x'.repeat(10_000)}> .\n`);
    const r = await libkg(['import', '--strict', '--data-dir', d, join(dir, 'long.nt')], { LIBKG_IMPORT_MAX_TOKEN: '4096' });
    expect(r.code).toBe(3);
    expect(`${r.stdout}${r.stderr}`).toMatch(/long\.nt/);
    expect(await quads(d)).toBe(0);
  });
});
