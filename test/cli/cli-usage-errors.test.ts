import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/ingest/readers/index.js';
import { BIN } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn' } }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

describe('libkg import and dump: bad formats and closed pipes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-cli-usage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'ok.nt'), '<http://ex.org/a> <http://ex.org/p> "1" .\n');

  it('lists the valid formats in import --help', async () => {
    const r = await libkg(['import', '--help']);
    expect(r.code).toBe(0);
    for (const f of FORMATS) expect(r.stdout).toContain(f);
  });

  it('refuses an unknown --format with exit 2, naming it and the valid formats, before writing anything', async () => {
    const d = join(dir, 'fmt');
    const r = await libkg(['import', '--data-dir', d, '--format', 'bogus', join(dir, 'ok.nt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown --format "bogus"');
    expect(r.stderr).toContain(`valid formats: ${FORMATS.join(', ')}`);
    expect(JSON.parse((await libkg(['stats', '--data-dir', d])).stdout).quads).toBe(0);
  });

  it('exits 3 on a file no reader recognises, naming the file and the formats, and still imports the others', async () => {
    const d = join(dir, 'unrec');
    writeFileSync(join(dir, 'notes.weird'), 'hello, this is not a record\n');
    const r = await libkg(['import', '--data-dir', d, join(dir, 'ok.nt'), join(dir, 'notes.weird')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`format not recognised: ${join(dir, 'notes.weird')}`);
    expect(r.stderr).toContain(FORMATS.join(', '));
    expect(JSON.parse((await libkg(['stats', '--data-dir', d])).stdout).quads).toBe(1);
  });

  it('ends quietly with exit 0 when the reader of `libkg dump` closes the pipe early', async () => {
    const d = join(dir, 'pipe');
    const lines = Array.from({ length: 20_000 }, (_, i) => `<http://ex.org/s${i}> <http://ex.org/p> "${'x'.repeat(40)}${i}" .`);
    writeFileSync(join(dir, 'many.nt'), `${lines.join('\n')}\n`);
    expect((await libkg(['import', '--data-dir', d, join(dir, 'many.nt')])).code).toBe(0);
    // The reader takes one chunk and closes its end, as `head -1` does.
    const child = spawn(process.execPath, [BIN, 'dump', '--data-dir', d], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
  });
});
