import type { FastifyReply, FastifyRequest } from 'fastify';
import { tokenMatches } from '../auth/tokens.js';
import { LibkgError } from '../errors.js';

export interface TokenSource {
  storedHashes(): string[];
  plainTokens: string[];
}

/** A preHandler that lets a request through only with a valid bearer token. */
export function requireToken(tokens: TokenSource) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m || !tokenMatches(m[1] as string, tokens.storedHashes(), tokens.plainTokens)) {
      reply.header('WWW-Authenticate', 'Bearer realm="libkg"');
      throw new LibkgError(
        'UNAUTHORIZED',
        m ? 'the bearer token is not valid' : 'this operation needs an Authorization: Bearer <token> header (see `libkg token create`)',
      );
    }
  };
}
