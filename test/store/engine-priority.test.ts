import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv, resolveConfig } from '../../src/config.js';
import { EmbeddedStore } from '../../src/store/embedded.js';

/** Nice values of this process's threads (Linux /proc; field 19 of each task's stat). */
const threadNices = (): number[] =>
  readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });

const dirs: string[] = [];
/** A store whose engine nice comes from LIBKG_ENGINE_NICE as the settings resolve it (unset: the store's default). */
const open = async (setting?: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-priority-'));
  dirs.push(dir);
  const engineNice = setting === undefined ? undefined : resolveConfig(configFromEnv({ LIBKG_ENGINE_NICE: setting })).engineNice;
  return EmbeddedStore.open({ dataDir: dir, quadBudget: 1000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000, engineNice });
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('engine thread priority', () => {
  it.runIf(process.platform === 'linux')('runs engines at nice 10 by default, at LIBKG_ENGINE_NICE when set, and at the default priority with 0', async () => {
    const base = threadNices().filter((n) => n > 0).length;
    for (const [setting, expected] of [
      [undefined, 10],
      ['5', 5],
    ] as const) {
      const store = await open(setting);
      expect(threadNices()).toContain(expected);
      await store.close();
    }
    const store = await open('0');
    expect(threadNices().filter((n) => n > 0)).toHaveLength(base);
    await store.close();
  });
});
