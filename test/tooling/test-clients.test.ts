import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

// A fresh module each time: the helper remembers what it probed and reported.
const fresh = async () => {
  vi.resetModules();
  return import('../helpers/clients.js');
};

describe('test clients: skip on a bare machine, fail in CI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-clients-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const stderrLines = () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    return lines;
  };

  it('skips a hidden client with one line naming its Debian package and the install command', async () => {
    vi.stubEnv('CI', '');
    vi.stubEnv('LIBKG_REQUIRE_CLIENTS', '0');
    vi.stubEnv('LIBKG_TEST_HIDE_CLIENTS', 'xmllint');
    const { lacks } = await fresh();
    const lines = stderrLines();
    expect(lacks('xmllint')).toBe(true);
    expect(lacks('xmllint')).toBe(true);
    expect(lines).toEqual(['libkg tests: skipping tests that need xmllint (Debian libxml2-utils); install every test client with: npm run setup:clients\n']);
  });

  it('finds binaries on PATH and misses them when PATH lacks them', async () => {
    vi.stubEnv('LIBKG_REQUIRE_CLIENTS', '0');
    vi.stubEnv('LIBKG_TEST_HIDE_CLIENTS', '');
    const bin = join(dir, 'bin');
    rmSync(bin, { recursive: true, force: true });
    mkdirSync(bin);
    writeFileSync(join(bin, 'roqet'), '#!/bin/sh\n');
    chmodSync(join(bin, 'roqet'), 0o755);
    vi.stubEnv('PATH', bin);
    const { missingClients } = await fresh();
    expect(missingClients('roqet', 'rapper', 'xmllint', 'oai-harvester')).toEqual(['rapper', 'xmllint', 'oai-harvester']);
  });

  it.each([
    [{ LIBKG_REQUIRE_CLIENTS: '1', CI: '' }, true],
    [{ CI: 'true' }, true],
    [{ CI: 'true', LIBKG_REQUIRE_CLIENTS: '0' }, false],
    [{ CI: '' }, false],
  ])('with %o a missing client is a failure: %s', async (env, fails) => {
    vi.stubEnv('LIBKG_REQUIRE_CLIENTS', undefined);
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    vi.stubEnv('LIBKG_TEST_HIDE_CLIENTS', 'virtuoso,chromium');
    const { lacks } = await fresh();
    stderrLines();
    if (fails)
      expect(() => lacks('chromium')).toThrow(/missing test client chromium \(Debian chromium\); CI runs every test: install them with npm run setup:clients/);
    else expect(lacks('chromium')).toBe(true);
  });
});
