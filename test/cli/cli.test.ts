import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.js';
import { openTokens } from '../../src/store/tokens.js';
import { BIN } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn', ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

describe('The libkg command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help for every subcommand', async () => {
    for (const cmd of ['serve', 'import', 'dump', 'restore', 'stats', 'check', 'repair', 'token']) {
      const r = await libkg([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain(`Usage: libkg ${cmd}`);
    }
  });

  it('rejects unknown options and commands with usage and a non-zero exit', async () => {
    const r = await libkg(['import', '--bogus', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--bogus'");
    expect((await libkg(['frobnicate'])).stderr).toContain('unknown command');
  });

  it('validates configuration with clear messages', async () => {
    expect((await libkg(['stats', '--data-dir', join(dir, 's'), '--base-iri', 'not-an-iri'])).stderr).toMatch(/base IRI must be an absolute IRI/);
    expect((await libkg(['serve', '--data-dir', join(dir, 's'), '--port', '99999'])).stderr).toMatch(/port must be between 0 and 65535/);
    writeFileSync(join(dir, 'a-file'), '');
    expect((await libkg(['stats'], { LIBKG_DATA_DIR: join(dir, 'a-file', 'data') })).stderr).toMatch(/data dir .* is not writable/);
  });

  it('imports RDF, reports unchanged re-imports, rejects a broken file whole, and honours --strict', async () => {
    const d = join(dir, 'imp');
    writeFileSync(join(dir, 'ok.nt'), '<http://ex.org/a> <http://ex.org/p> "1" .\n');
    writeFileSync(join(dir, 'bad.ttl'), '<http://ex.org/b> <http://ex.org/p> "2" .\n<http://ex.org/c> <http://ex.org/p> .\n');
    const first = await libkg(['import', '--data-dir', d, join(dir, 'ok.nt'), join(dir, 'bad.ttl')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('written 1, unchanged 0, rejected 1');
    expect(first.stdout).toMatch(/bad\.ttl record \d+: text\/turtle syntax error/);
    const again = await libkg(['import', '--data-dir', d, '--strict', join(dir, 'ok.nt'), join(dir, 'bad.ttl')]);
    expect(again.code).toBe(3);
    expect(again.stdout).toContain('written 0, unchanged 1, rejected 1');
    const stats = JSON.parse((await libkg(['stats', '--data-dir', d])).stdout);
    expect(stats).toMatchObject({ quads: 1, lastSeq: 1 });
  });

  it('refuses an import past the quad budget with its own exit code and keeps nothing of it', async () => {
    const d = join(dir, 'budget');
    writeFileSync(join(dir, 'many.nt'), Array.from({ length: 50 }, (_, i) => `<http://ex.org/s${i}> <http://ex.org/p> "${i}" .`).join('\n'));
    const r = await libkg(['import', '--data-dir', d, '--quad-budget', '20', join(dir, 'many.nt')]);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/QUOTA_EXCEEDED: .*budget of 20/);
    expect(JSON.parse((await libkg(['stats', '--data-dir', d])).stdout).quads).toBe(0);
  });

  it('creates write tokens and stores only their hash', async () => {
    const d = join(dir, 'tok');
    const r = await libkg(['token', 'create', '--name', 'ci', '--data-dir', d]);
    expect(r.stdout.trim()).toMatch(/^lkg_[A-Za-z0-9_-]{43}$/);
    const tokens = openTokens(d);
    const hashes = tokens.hashes();
    tokens.close();
    expect(hashes).toEqual([hashToken(r.stdout.trim()).toString('hex')]);
  });
});
