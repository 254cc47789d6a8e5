import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';

/** Nice values of this process's threads (Linux /proc; field 19 of each task's stat). */
const threadNices = (): number[] =>
  readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });

const dirs: string[] = [];
const open = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-priority-'));
  dirs.push(dir);
  return EmbeddedStore.open({ dataDir: dir, quadBudget: 1000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
};
afterEach(() => {
  delete process.env.LIBKG_ENGINE_NICE;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('engine thread priority', () => {
  it.runIf(process.platform === 'linux')('runs engines at nice 10 by default, at LIBKG_ENGINE_NICE when set, and at the default priority with 0', async () => {
    const base = threadNices().filter((n) => n > 0).length;
    for (const [setting, expected] of [
      [undefined, 10],
      ['5', 5],
    ] as const) {
      if (setting) process.env.LIBKG_ENGINE_NICE = setting;
      const store = await open();
      expect(threadNices()).toContain(expected);
      await store.close();
    }
    process.env.LIBKG_ENGINE_NICE = '0';
    const store = await open();
    expect(threadNices().filter((n) => n > 0)).toHaveLength(base);
    await store.close();
  });
});
