import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/libkg.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `libkg serve` (the built CLI, as users run it) and waits until /health answers 200. */
export async function startChildServer(dataDir: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<ChildServer> {
  const port = await freePort();
  const proc = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1', '--no-demo', ...extraArgs], {
    env: { ...process.env, LIBKG_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (c) => {
    out += c;
  });
  proc.stderr?.on('data', (c) => {
    out += c;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}: ${out}`);
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
