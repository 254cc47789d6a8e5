import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Journal } from '../../src/store/journal.js';
import { BIN, startChildServer, stopChild } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn', ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

/** A loopback port free right now (the server binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const oaiBaseUrl = async (url: string) => /<baseURL>([^<]+)<\/baseURL>/.exec(await (await fetch(`${url}/oai?verb=Identify`)).text())?.[1];
const recorded = (dir: string) => {
  const j = new Journal(join(dir, 'libkg.sqlite'), 1, { readonly: true });
  try {
    return j.getMeta('base-iri');
  } finally {
    j.close();
  }
};

describe('the base IRI belongs to the data dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-base-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const nt = join(dir, 'one.nt');
  writeFileSync(nt, '<http://ex.org/a> <http://ex.org/p> "1" .\n');

  it('a new data dir served on --port P links under http://localhost:P/, records it, and later imports mint under it', async () => {
    const d = join(dir, 'p');
    const port = await freePort();
    const s = await startChildServer(d, ['--port', String(port)]);
    try {
      expect(await oaiBaseUrl(s.url)).toBe(`http://localhost:${port}/oai`);
    } finally {
      await stopChild(s.proc);
    }
    expect(recorded(d)).toBe(`http://localhost:${port}/`);
    // No --base-iri: the import takes the recorded base, not the 8080 default.
    expect((await libkg(['import', '--data-dir', d, nt])).code).toBe(0);
    const dump = await libkg(['dump', '--data-dir', d]);
    expect(dump.stdout).toContain(`<http://localhost:${port}/graph/file/one.nt>`);
  });

  it('refuses another explicit base IRI with exit 2, saying what the data dir holds and what to do', async () => {
    const d = join(dir, 'other');
    expect((await libkg(['import', '--data-dir', d, '--base-iri', 'http://data.example.org/', nt])).code).toBe(0);
    for (const cmd of [
      ['serve', '--data-dir', d, '--no-demo', '--port', '0', '--base-iri', 'http://other.example.org/'],
      ['import', '--data-dir', d, '--base-iri', 'http://other.example.org/', nt],
    ]) {
      const r = await libkg(cmd);
      expect(r.code, cmd[0]).toBe(2);
      expect(r.stderr).toContain(
        `BASE_IRI_MISMATCH: data dir ${d} holds IRIs minted under http://data.example.org/, not under the base IRI given (http://other.example.org/)`,
      );
      expect(r.stderr).toContain('Use --base-iri http://data.example.org/ (or leave it out), or a new --data-dir');
    }
    // The environment counts as explicit too.
    expect((await libkg(['import', '--data-dir', d, nt], { LIBKG_BASE_IRI: 'http://other.example.org/' })).code).toBe(2);
    expect(recorded(d)).toBe('http://data.example.org/');
  });

  it('refuses to serve a data dir made on 8080 from another port, unless the recorded base is named (a proxy maps it)', async () => {
    const d = join(dir, 'moved');
    // Created by an import without a base or port: the default http://localhost:8080/.
    expect((await libkg(['import', '--data-dir', d, nt], { LIBKG_PORT: '' })).code).toBe(0);
    expect(recorded(d)).toBe('http://localhost:8080/');
    const port = await freePort();
    const r = await libkg(['serve', '--data-dir', d, '--no-demo', '--host', '127.0.0.1', '--port', String(port)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `BASE_IRI_MISMATCH: data dir ${d} holds IRIs minted under http://localhost:8080/, and its port is 8080, this server listens on port ${port}`,
    );
    expect(r.stderr).toContain('--port 8080');
    expect(r.stderr).toContain('pass --base-iri http://localhost:8080/ if a proxy maps');
    const s = await startChildServer(d, ['--port', String(port), '--base-iri', 'http://localhost:8080/']);
    try {
      expect(await oaiBaseUrl(s.url)).toBe('http://localhost:8080/oai');
    } finally {
      await stopChild(s.proc);
    }
  });

  it('takes the base of a data dir written before bases were recorded from its graph names', async () => {
    const d = join(dir, 'legacy');
    expect((await libkg(['import', '--data-dir', d, '--base-iri', 'http://legacy.example.org/', nt])).code).toBe(0);
    const j = new Journal(join(d, 'libkg.sqlite'), 1000);
    j.setMeta('base-iri', '');
    j.close();
    // An empty value stands for "never recorded" here; the journal has no delete for meta.
    const r = await libkg(['import', '--data-dir', d, '--base-iri', 'http://new.example.org/', nt]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds IRIs minted under http://legacy.example.org/');
    expect(recorded(d)).toBe('http://legacy.example.org/');
  });
});
