import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const BIN = fileURLToPath(new URL('../../bin/libkg.js', import.meta.url));

const execFileAsync = promisify(execFile);

/** Runs one `libkg` command (the built CLI) to its end: exit code, stdout and stderr, also on failure. */
export const runLibkg = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  execFileAsync(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn' }, maxBuffer: 16 << 20 }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

/**
 * Starts `libkg serve` (the built CLI, as users run it) on a port the OS picks
 * (read back from its log: choosing a free port first races with parallel test
 * files) and waits until /health answers 200.
 */
export async function startChildServer(dataDir: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<ChildServer> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1', '--no-demo', ...extraArgs], {
    env: { ...process.env, ...env, LIBKG_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (c) => {
    out += c;
  });
  proc.stderr?.on('data', (c) => {
    out += c;
  });
  const deadline = Date.now() + 60_000;
  let url = '';
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}: ${out}`);
    const port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
    if (!port) {
      if (Date.now() > deadline) throw new Error(`server did not start listening: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    url = `http://127.0.0.1:${port}`;
    try {
      const r = await fetch(`${url}/health`);
      if (r.status === 200) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not become healthy: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, url, output: () => out };
}

export async function stopChild(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (proc.exitCode !== null) return proc.exitCode;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill(signal);
  return exited;
}
