import type { FastifyInstance } from 'fastify';

/** The message of every request-log line: log readers (and the terminal format) pick request lines by it. */
export const REQUEST_LOG_MSG = 'request';

/**
 * One info line per answered request: method, URL, status and milliseconds. Fastify's own request
 * logging writes two larger lines per request, so it stays for debug; at a level above info this
 * adds no hook at all (benchmarks run at warn or with LIBKG_REQUEST_LOG=off).
 */
export function logRequests(app: FastifyInstance): void {
  if (!['trace', 'debug', 'info'].includes(app.log.level)) return;
  app.addHook('onResponse', (request, reply, done) => {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms }, REQUEST_LOG_MSG);
    done();
  });
}
