import { join } from 'node:path';
import { Journal } from './journal.js';
import type { TokenInfo, TokenRegistry } from './port.js';

type TokenRow = { id: number; name: string; created_at: string };
const info = (r: TokenRow): TokenInfo => ({ id: r.id, name: r.name, createdAt: r.created_at });

/** The `tokens` table of a journal: hashes only, never a token. */
export class JournalTokens implements TokenRegistry {
  constructor(private readonly journal: Journal) {}

  add(name: string, hash: string): TokenInfo {
    const row = this.journal.db
      .prepare<[string, string, string], TokenRow>('INSERT INTO tokens (name, hash, created_at) VALUES (?, ?, ?) RETURNING id, name, created_at')
      .get(name, hash, new Date().toISOString()) as TokenRow;
    return info(row);
  }

  list(): TokenInfo[] {
    return this.journal.db.prepare<[], TokenRow>('SELECT id, name, created_at FROM tokens ORDER BY id').all().map(info);
  }

  revoke(which: { id: number } | { name: string }): number {
    const db = this.journal.db;
    return 'id' in which
      ? db.prepare('DELETE FROM tokens WHERE id = ?').run(which.id).changes
      : db.prepare('DELETE FROM tokens WHERE name = ?').run(which.name).changes;
  }

  hashes(): string[] {
    return this.journal.db.prepare('SELECT hash FROM tokens').pluck().all() as string[];
  }

  nameOf(hash: string): string | undefined {
    return this.journal.db.prepare<[string], { name: string }>('SELECT name FROM tokens WHERE hash = ?').get(hash)?.name;
  }
}

/**
 * The tokens of a data dir without opening its store: no lock and no engines, so tokens can be
 * made and revoked while a server runs (SQLite serializes the two writers; the server reads the
 * hashes per request). Creates the journal when the data dir has none yet.
 */
export function openTokens(dataDir: string): TokenRegistry & { close(): void } {
  const journal = new Journal(join(dataDir, 'libkg.sqlite'), 0);
  const tokens = new JournalTokens(journal);
  return Object.assign(tokens, { close: () => journal.close() });
}
