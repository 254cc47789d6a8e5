import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new write token: high-entropy, so a plain SHA-256 is a sound hash for storage. */
export function newToken(): string {
  return `lkg_${randomBytes(32).toString('base64url')}`;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/**
 * Checks a presented token against stored hashes and plain configured tokens.
 * Compares hashes in constant time and always walks the whole list.
 */
export function tokenMatches(presented: string, storedHashes: string[], plainTokens: string[]): boolean {
  const h = hashToken(presented);
  let ok = false;
  for (const s of storedHashes) ok = timingSafeEqual(h, Buffer.from(s, 'hex')) || ok;
  for (const t of plainTokens) ok = timingSafeEqual(h, hashToken(t)) || ok;
  return ok;
}
