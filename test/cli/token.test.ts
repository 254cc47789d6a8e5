import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, runLibkg as libkg, startChildServer, stopChild } from '../helpers/child-server.js';

describe('libkg token, while a server uses the data dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-token-'));
  let server: ChildServer;
  beforeAll(async () => {
    server = await startChildServer(dir);
  }, 90_000);
  afterAll(async () => {
    if (server) await stopChild(server.proc);
    rmSync(dir, { recursive: true, force: true });
  });

  const update = (token: string) =>
    fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${token}` },
      body: 'INSERT DATA { <http://ex.org/s> <http://ex.org/p> "o" }',
    });

  it('creates, lists and revokes tokens; the server takes each change from its next request on', async () => {
    const made = await libkg(['token', 'create', '--name', 'harvester', '--data-dir', dir]);
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    expect((await update(token)).status).toBe(200);

    const listed = await libkg(['token', 'list', '--data-dir', dir]);
    expect(listed.code).toBe(0);
    const [line, ...rest] = listed.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    const [id, name, created] = (line as string).split('\t');
    expect(id).toMatch(/^[1-9][0-9]*$/);
    expect(name).toBe('harvester');
    expect(Number.isNaN(Date.parse(created as string))).toBe(false);
    expect(listed.stdout).not.toContain(token);

    const revoked = await libkg(['token', 'revoke', '--id', id as string, '--data-dir', dir]);
    expect(revoked).toMatchObject({ code: 0 });
    expect(revoked.stdout).toContain(`revoked 1 token(s) with id ${id}`);
    expect((await update(token)).status).toBe(401);
    expect((await libkg(['token', 'list', '--data-dir', dir])).stdout).toBe('');
  }, 60_000);

  it('names what it could not revoke, and refuses a revoke without a target', async () => {
    const missing = await libkg(['token', 'revoke', '--name', 'nobody', '--data-dir', dir]);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/NOT_FOUND: no token with name "nobody"/);
    const both = await libkg(['token', 'revoke', '--data-dir', dir]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --id or --name/);
    const bad = await libkg(['token', 'revoke', '--id', 'x1', '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--id must be a token id/);
  }, 60_000);
});
