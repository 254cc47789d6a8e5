import type { Journal } from './journal.js';
import type { LinkDecision, LinkDecisionRegistry } from './port.js';

/**
 * Review decisions on link pairs, in their own journal table (made here, so opening an older journal
 * adds it). Keyed by spec and the unordered pair of entity IRIs: IRIs are minted from the records'
 * ids, so a re-import names the same pair, and a deduplication run may list the pair either way.
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS link_decisions (
  spec TEXT NOT NULL,
  a TEXT NOT NULL, -- the pair's IRIs in code-point order
  b TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject')),
  decided_by TEXT,
  decided_at TEXT NOT NULL,
  source_id TEXT,
  target_id TEXT,
  score REAL,
  evidence TEXT, -- JSON: comparator name → score, as the link graph held them when decided
  PRIMARY KEY (spec, a, b)
) WITHOUT ROWID`;

type Row = {
  spec: string;
  source: string;
  target: string;
  decision: 'accept' | 'reject';
  decided_by: string | null;
  decided_at: string;
  source_id: string | null;
  target_id: string | null;
  score: number | null;
  evidence: string | null;
};

const fromRow = (r: Row): LinkDecision => ({
  spec: r.spec,
  source: r.source,
  target: r.target,
  decision: r.decision,
  by: r.decided_by ?? undefined,
  at: r.decided_at,
  sourceId: r.source_id ?? undefined,
  targetId: r.target_id ?? undefined,
  score: r.score ?? undefined,
  evidence: r.evidence ? (JSON.parse(r.evidence) as Record<string, number>) : undefined,
});

const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

export class JournalLinkDecisions implements LinkDecisionRegistry {
  constructor(private readonly journal: Journal) {
    journal.db.exec(SCHEMA);
  }

  put(d: Omit<LinkDecision, 'at'> & { at?: string }): LinkDecision {
    const [a, b] = ordered(d.source, d.target);
    const at = d.at ?? new Date().toISOString();
    this.journal.db
      .prepare(
        `INSERT OR REPLACE INTO link_decisions (spec, a, b, source, target, decision, decided_by, decided_at, source_id, target_id, score, evidence)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.spec,
        a,
        b,
        d.source,
        d.target,
        d.decision,
        d.by ?? null,
        at,
        d.sourceId ?? null,
        d.targetId ?? null,
        d.score ?? null,
        d.evidence ? JSON.stringify(d.evidence) : null,
      );
    return { ...d, at };
  }

  get(spec: string, source: string, target: string): LinkDecision | undefined {
    const [a, b] = ordered(source, target);
    const row = this.journal.db.prepare<[string, string, string], Row>('SELECT * FROM link_decisions WHERE spec = ? AND a = ? AND b = ?').get(spec, a, b);
    return row ? fromRow(row) : undefined;
  }

  remove(spec: string, source: string, target: string): boolean {
    const [a, b] = ordered(source, target);
    return this.journal.db.prepare('DELETE FROM link_decisions WHERE spec = ? AND a = ? AND b = ?').run(spec, a, b).changes > 0;
  }

  list(spec: string): LinkDecision[] {
    return this.journal.db.prepare<[string], Row>('SELECT * FROM link_decisions WHERE spec = ? ORDER BY decided_at, a, b').all(spec).map(fromRow);
  }
}
