import Database from 'better-sqlite3';
import type { ChangeEntry, GraphInfo } from './port.js';

// The journal's public reads, apart from its writes: during a bulk write (one transaction held
// across many awaits) they must not see that transaction's uncommitted rows, so they switch to a
// second, read-only connection, which in WAL mode sees only committed data.

export interface GraphRow {
  id: number;
  iri: string;
  quads: number;
  hash: string | null;
  source: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  last_seq: number;
}

export class JournalReads {
  /** A second connection for reads while a bulk transaction is open: in WAL mode it sees only committed data. */
  private readDb: Database.Database | undefined;
  private readonly readStmts = new Map<Database.Database, Map<string, Database.Statement>>();

  /** `inBulk` tells whether the journal's bulk transaction is open. */
  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly inBulk: () => boolean,
  ) {}

  /**
   * A statement for a public read. Inside a bulk write (one transaction across many awaits) reads on
   * the writing connection would see rows a rollback or a kill then removes: they go to `readDb`.
   */
  private reads(sql: string): Database.Statement {
    let db = this.db;
    if (this.inBulk()) {
      if (!this.readDb) {
        this.readDb = new Database(this.path, { readonly: true });
        this.readDb.pragma('busy_timeout = 5000');
      }
      db = this.readDb;
    }
    let cache = this.readStmts.get(db);
    if (!cache) this.readStmts.set(db, (cache = new Map()));
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  }

  /** The content of a record graph right after change `seq` ("s p o" lines), if that change left one. */
  versionLines(seq: number): string[] | undefined {
    const kept = this.reads(`SELECT body FROM versions WHERE seq = ?`).pluck().get(seq) as string | undefined;
    const body =
      kept ??
      (this.reads(
        `SELECT coalesce(d.body, '') FROM graphs g LEFT JOIN graph_data d ON d.g = g.id WHERE g.last_seq = ? AND g.deleted_at IS NULL AND g.iri <> ''`,
      )
        .pluck()
        .get(seq) as string | undefined);
    return body === undefined ? undefined : body ? body.split('\n') : [];
  }

  get lastSeq(): number {
    return (this.reads(`SELECT coalesce(max(seq), 0) AS n FROM changes`).get() as { n: number }).n;
  }

  /** The source record a graph was mapped from, if the import kept it. */
  original(iri: string): { format: string; body: string } | undefined {
    return this.reads(`SELECT o.format, o.body FROM originals o JOIN graphs g ON g.id = o.g WHERE g.iri = ?`).get(iri) as
      | { format: string; body: string }
      | undefined;
  }

  graphInfo(iri: string): GraphInfo | undefined {
    const row = this.reads(`SELECT * FROM graphs WHERE iri = ?`).get(iri) as GraphRow | undefined;
    if (!row) return undefined;
    return {
      iri,
      quads: row.quads,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at ?? undefined,
      lastSeq: row.last_seq,
      source: row.source ?? undefined,
    };
  }

  /** Graphs that held `subject` when they were deleted and are still deleted. */
  deletedGraphsWith(subject: string): GraphInfo[] {
    return (
      this.reads(`SELECT g.iri FROM tombstones t JOIN graphs g ON g.id = t.g WHERE t.s = ? AND g.deleted_at IS NOT NULL`).all(subject) as { iri: string }[]
    ).map((r) => this.graphInfo(r.iri) as GraphInfo);
  }

  graphLines(iri: string): string[] {
    const body = this.reads(`SELECT d.body FROM graphs g JOIN graph_data d ON d.g = g.id WHERE g.iri = ?`).pluck().get(iri) as string | undefined;
    return body ? body.split('\n') : [];
  }

  /**
   * `chars` characters of a graph's stored lines from character `from` (1-based), with the graph's last change:
   * a long body read in parts (each part reads it again in C, but no part holds JavaScript long).
   */
  graphBodyPart(iri: string, from: number, chars: number): { seq: number; part: string } | undefined {
    return this.reads(`SELECT g.last_seq AS seq, substr(d.body, ?, ?) AS part FROM graphs g JOIN graph_data d ON d.g = g.id WHERE g.iri = ?`).get(
      from,
      chars,
      iri,
    ) as { seq: number; part: string } | undefined;
  }

  /**
   * Live graphs, counted once per change-log sequence (every write that adds or deletes a graph appends to
   * the change log): /health and /metrics ask on every request, and a count of 8k graphs cost ~1 ms.
   */
  graphCount(): number {
    const seq = this.lastSeq;
    if (this.counted?.seq !== seq) this.counted = { seq, n: this.reads(`SELECT count(*) FROM graphs WHERE deleted_at IS NULL`).pluck().get() as number };
    return this.counted.n;
  }

  private counted: { seq: number; n: number } | undefined;

  listGraphs(options: { includeDeleted?: boolean } = {}): GraphInfo[] {
    const rows = this.reads(`SELECT * FROM graphs ${options.includeDeleted ? '' : 'WHERE deleted_at IS NULL'} ORDER BY id`).all() as GraphRow[];
    return rows.map((r) => this.graphInfo(r.iri) as GraphInfo);
  }

  changes(afterSeq: number, limit: number): ChangeEntry[] {
    return this.reads(`SELECT seq, graph, op, ts, added, removed FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`).all(afterSeq, limit) as ChangeEntry[];
  }

  close(): void {
    if (this.readDb?.open) this.readDb.close();
  }
}
