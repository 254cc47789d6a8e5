/**
 * Unauthenticated uploads against a running server (`libkg serve`): N parallel PUT /store requests announcing a
 * body of SIZE MB and streaming it without a token. Prints the server's RSS before and at its peak, when each
 * client got its answer, and how much of its body it had sent by the time the connection closed.
 *   npx tsx bench/unauth-uploads.ts --port 8080 --pid <server pid> [--clients 8] [--mb 50]
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    pid: { type: 'string' },
    clients: { type: 'string', default: '8' },
    mb: { type: 'string', default: '50' },
  },
});
if (!args.pid) throw new Error('--pid of the server process is needed (its RSS is read from /proc)');
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${args.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);
const TOTAL = Number(args.mb) * 1024 * 1024;

const before = rssMb();
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, rssMb());
}, 20);
const t0 = Date.now();

const upload = () =>
  new Promise<{ status: string; answeredMs: number; sentMb: number }>((resolve) => {
    const sock = connect(Number(args.port), '127.0.0.1');
    let sent = 0;
    let status = '';
    let answeredMs = -1;
    sock.on('connect', () => {
      sock.write(`PUT /store?graph=http://example.org/g HTTP/1.1\r\nHost: bench\r\nContent-Type: text/turtle\r\nContent-Length: ${TOTAL}\r\n\r\n`);
      const pump = () => {
        while (sent < TOTAL && !sock.destroyed) {
          sent += CHUNK.length;
          if (!sock.write(CHUNK)) return void sock.once('drain', pump);
        }
      };
      pump();
    });
    sock.on('data', (d) => {
      if (status) return;
      status = d.toString('latin1', 9, 12);
      answeredMs = Date.now() - t0;
    });
    sock.on('error', () => {});
    sock.on('close', () => resolve({ status, answeredMs, sentMb: Math.round(sent / 1048576) }));
  });

const results = await Promise.all(Array.from({ length: Number(args.clients) }, upload));
clearInterval(sampler);
console.log(JSON.stringify({ rssBeforeMb: Math.round(before), rssPeakMb: Math.round(peak), totalMs: Date.now() - t0, results }, null, 1));
