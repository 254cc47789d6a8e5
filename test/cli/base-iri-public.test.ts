import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settledBaseIri } from '../../src/cli/base-iri.js';
import { resolveConfig } from '../../src/config.js';

describe('a recorded base IRI and the listening port', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-base-public-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a public base is taken as recorded whatever port the server listens on (a proxy maps it)', async () => {
    const dataDir = join(dir, 'public');
    const first = resolveConfig({ dataDir, baseIri: 'https://data.example.org/' });
    expect((await settledBaseIri(first, true, { host: '0.0.0.0', port: 8080 })).baseIri).toBe('https://data.example.org/');
    const later = resolveConfig({ dataDir });
    expect((await settledBaseIri(later, false, { host: '0.0.0.0', port: 8080 })).baseIri).toBe('https://data.example.org/');
  });

  it('a loopback base on another port is refused, naming the recorded base', async () => {
    const dataDir = join(dir, 'loopback');
    await settledBaseIri(resolveConfig({ dataDir, baseIri: 'http://localhost:8080/' }), true, { host: '0.0.0.0', port: 8080 });
    await expect(settledBaseIri(resolveConfig({ dataDir }), false, { host: '0.0.0.0', port: 9000 })).rejects.toThrow(/http:\/\/localhost:8080\//);
  });
});
