import type { FastifyInstance } from 'fastify';

/**
 * Counts the app's requests in flight (received, answer not yet finished or aborted), for background work
 * that should step aside while requests are being answered (the search index catching up).
 */
export function requestsInFlight(app: FastifyInstance): () => boolean {
  let inFlight = 0;
  app.addHook('onRequest', (_req, reply, done) => {
    inFlight++;
    let counted = true;
    const end = () => {
      if (counted) inFlight--;
      counted = false;
    };
    // 'close' follows 'finish' and also comes for an aborted answer: each request is uncounted exactly once.
    reply.raw.once('finish', end);
    reply.raw.once('close', end);
    done();
  });
  return () => inFlight > 0;
}
