import type { FastifyRequest } from 'fastify';

/** RFC 9110 §13.1.2 weak comparison: `W/` prefixes are ignored. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/**
 * Whether a GET may answer 304: If-None-Match wins when present (any listed
 * tag or `*` matches); otherwise If-Modified-Since at one-second precision.
 */
export function notModified(req: FastifyRequest, etag: string, lastModified?: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    const want = opaque(etag);
    return inm.split(',').some((t) => opaque(t) === want);
  }
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined && lastModified) {
    const since = Date.parse(ims);
    return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}
