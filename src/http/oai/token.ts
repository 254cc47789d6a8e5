/**
 * Resumption tokens carry the whole position: the verb's original
 * arguments, the change-log sequence number of the last record sent, the
 * cursor and the list size. No server state, so tokens survive restarts
 * and stay valid while data changes.
 */

export interface ListState {
  verb: 'ListIdentifiers' | 'ListRecords';
  metadataPrefix: string;
  from?: string;
  until?: string;
  set?: string;
  /** Sequence number of the last record already sent. */
  after: number;
  cursor: number;
  completeListSize: number;
}

const KEYS = ['verb', 'metadataPrefix', 'from', 'until', 'set', 'after', 'cursor', 'completeListSize'] as const;

export function encodeToken(s: ListState): string {
  return Buffer.from(JSON.stringify(KEYS.map((k) => s[k] ?? null))).toString('base64url');
}

/** The state in a token, or undefined when it is not one of ours. */
export function decodeToken(token: string): ListState | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== KEYS.length) return undefined;
  const [verb, metadataPrefix, from, until, set, after, cursor, size] = parts as unknown[];
  const optStr = (v: unknown) => v === null || typeof v === 'string';
  const count = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (verb !== 'ListIdentifiers' && verb !== 'ListRecords') return undefined;
  if (typeof metadataPrefix !== 'string' || !optStr(from) || !optStr(until) || !optStr(set)) return undefined;
  if (!count(after) || !count(cursor) || !count(size)) return undefined;
  return {
    verb,
    metadataPrefix,
    from: (from as string | null) ?? undefined,
    until: (until as string | null) ?? undefined,
    set: (set as string | null) ?? undefined,
    after: after as number,
    cursor: cursor as number,
    completeListSize: size as number,
  };
}
