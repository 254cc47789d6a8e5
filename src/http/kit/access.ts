import type { FastifyReply, FastifyRequest } from 'fastify';
import { tokenMatches } from '../../auth/tokens.js';
import { LibkgError } from '../../errors.js';

export interface TokenSource {
  storedHashes(): string[];
  plainTokens: string[];
}

/** True while the request still has body bytes on the wire (a hook running before the body is read). */
function bodyPending(req: FastifyRequest): boolean {
  const h = req.headers;
  const announced = (h['content-length'] !== undefined && h['content-length'] !== '0') || h['transfer-encoding'] !== undefined;
  return announced && !req.raw.complete;
}

/** How long a refused upload's connection stays half-open after the answer, discarding what still arrives. */
const LINGER_MS = 1000;

/**
 * Closes the connection once the answer is sent, without reading the rest of the body into memory. Closing at
 * once would reset a connection with bytes still arriving, and a reset can drop the answer before the client
 * reads it: so the server half-closes, discards what still comes for a moment (as Apache's lingering close
 * does), then closes.
 */
function closeAfterAnswer(req: FastifyRequest, reply: FastifyReply): void {
  reply.raw.once('finish', () => {
    const socket = req.raw.socket;
    // Injected requests (app.inject) have no real socket to close.
    if (typeof socket?.end !== 'function') return;
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}

/**
 * A hook that lets a request through only with a valid bearer token. Used as an `onRequest` hook on write
 * routes, it refuses before the body is read, and an unauthenticated upload is never buffered.
 */
export function requireToken(tokens: TokenSource) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m || !tokenMatches(m[1] as string, tokens.storedHashes(), tokens.plainTokens)) {
      reply.header('WWW-Authenticate', 'Bearer realm="libkg"');
      if (bodyPending(req)) closeAfterAnswer(req, reply);
      throw new LibkgError(
        'UNAUTHORIZED',
        m ? 'the bearer token is not valid' : 'this operation needs an Authorization: Bearer <token> header (see `libkg token create`)',
      );
    }
  };
}
