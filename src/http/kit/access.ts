import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tokenMatches } from '../../auth/tokens.js';
import { LibkgError } from '../../errors.js';

/** A check a request must pass before it is answered; it refuses by throwing a LibkgError. */
export type Guard = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** The guards every surface is given: writes always need a token, reads only when they are not public. */
export interface Access {
  requireWrite: Guard;
  /** Undefined while reads are public. */
  requireRead?: Guard;
}

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

/**
 * Closes the connection once the answer is sent, without reading the rest of the body into memory. Closing at
 * once would reset a connection with bytes still arriving, and a reset can drop the answer before the client
 * reads it: so the server half-closes, discards what still comes for a moment (as Apache's lingering close
 * does), then closes.
 */
function closeAfterAnswer(req: FastifyRequest, reply: FastifyReply, lingerMs: number): void {
  reply.raw.once('finish', () => {
    const socket = req.raw.socket;
    // Injected requests (app.inject) have no real socket to close.
    if (typeof socket?.end !== 'function') return;
    socket.end();
    setTimeout(() => socket.destroy(), lingerMs).unref();
  });
}

/**
 * A hook that lets a request through only with a valid bearer token. Used as an `onRequest` hook on write
 * routes, it refuses before the body is read, and an unauthenticated upload is never buffered.
 */
export function requireToken(tokens: TokenSource, lingerMs: number): Guard {
  return async (req, reply) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m || !tokenMatches(m[1] as string, tokens.storedHashes(), tokens.plainTokens)) {
      reply.header('WWW-Authenticate', 'Bearer realm="libkg"');
      if (bodyPending(req)) closeAfterAnswer(req, reply, lingerMs);
      throw new LibkgError(
        'UNAUTHORIZED',
        m ? 'the bearer token is not valid' : 'this operation needs an Authorization: Bearer <token> header (see `libkg token create`)',
      );
    }
  };
}

/** Response headers scripts on other origins may read: validators, links, where an answer is or moved, capped text queries. */
const EXPOSED_HEADERS = ['ETag', 'Last-Modified', 'Link', 'Content-Location', 'Location', 'Vary', 'Libkg-Text-Query-Capped'];

/**
 * The one place CORS headers are set, for every surface, and where the guards are made. Reads are open to any origin and writes
 * take a bearer token, which preflights allow; tokens travel in headers, never in cookies, so `*` gives nothing away.
 */
export async function installAccess(app: FastifyInstance, opts: { tokens: TokenSource; publicReads: boolean; lingerMs: number }): Promise<Access> {
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Accept', 'Authorization', 'Content-Type', 'If-None-Match', 'If-Modified-Since'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 86_400,
  });
  const requireWrite = requireToken(opts.tokens, opts.lingerMs);
  return { requireWrite, requireRead: opts.publicReads ? undefined : requireWrite };
}

/**
 * Route options that run `guard` as the request arrives, before its body is read (an unauthenticated upload is never
 * buffered); none for an open route. Every guarded route checks this way, or through guardEveryRoute.
 */
export const guardRoute = (guard: Guard | undefined): { onRequest?: Guard } => (guard ? { onRequest: guard } : {});

/** Runs `guard` on every route of the plugin `app` as the request arrives (a surface whose routes all need it). */
export function guardEveryRoute(app: FastifyInstance, guard: Guard | undefined): void {
  if (guard) app.addHook('onRequest', guard);
}
