import Database from 'better-sqlite3';
import { LibkgError } from '../errors.js';
import { hashBody } from '../rdf/nquads.js';
import { assertGraphFits, assertGraphName, DEFAULT_GRAPH, MAX_GRAPH_CHARS } from './journal-limits.js';
import { type GraphRow, JournalReads } from './journal-reads.js';
import { SCHEMA } from './journal-schema.js';
import type { ChangeEntry, GraphInfo } from './port.js';

// Kept exported from here: the store and the CLI import them with Journal.
export { assertGraphFits, assertGraphName, DEFAULT_GRAPH, MAX_GRAPH_CHARS };

export interface GraphWrite {
  iri: string;
  /** Lines "s p o" (no graph, no final dot) without repeats: sorted, or in a mapping's own fixed order (GraphPut.distinct). */
  lines: string[];
  /** The lines joined by newlines, when the caller has it already. */
  body?: string;
  /** The source record the graph was mapped from. */
  original?: { format: string; body: string };
  source?: string;
}

export interface GraphDelta {
  add: string[];
  del: string[];
}

export interface WriteOutcome {
  written: string[];
  /** Quads really added and removed (duplicates and absent quads do not count). */
  added?: number;
  removed?: number;
  unchanged: string[];
  firstSeq: number;
  lastSeq: number;
}

const now = () => new Date().toISOString();

/**
 * The durable source of truth: record graphs, their quads, the change log and
 * write tokens, in one SQLite file (WAL). Every write is one transaction that
 * also appends to the change log, so a write is either fully there after a
 * crash or not at all.
 */
export class Journal {
  readonly db: Database.Database;
  readonly maxGraphChars: number;
  private total: number;
  private readonly stmt;
  /** The public reads (graph info, versions, change log): on a second connection during a bulk write. */
  private readonly readers: JournalReads;

  constructor(
    readonly path: string,
    private readonly quadBudget: number,
    options: { readonly?: boolean; maxGraphChars?: number } = {},
  ) {
    this.maxGraphChars = options.maxGraphChars ?? MAX_GRAPH_CHARS;
    this.db = new Database(path, { readonly: options.readonly ?? false });
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec(SCHEMA);
      this.db.prepare(`INSERT OR IGNORE INTO graphs (iri, created_at, updated_at) VALUES (?, ?, ?)`).run(DEFAULT_GRAPH, now(), now());
    }
    this.db.pragma('busy_timeout = 5000');
    this.stmt = {
      graphByIri: this.db.prepare<[string], GraphRow>(`SELECT * FROM graphs WHERE iri = ?`),
      insertGraph: this.db.prepare<unknown[], GraphRow>(
        `INSERT INTO graphs (iri, quads, hash, source, created_at, updated_at, last_seq) VALUES (?, 0, NULL, ?, ?, ?, 0) RETURNING *`,
      ),
      graphsByIris: this.db.prepare<[string], GraphRow>(`SELECT * FROM graphs WHERE iri IN (SELECT value FROM json_each(?))`),
      insertFullGraph: this.db.prepare(`INSERT INTO graphs (iri, quads, hash, source, created_at, updated_at, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      setGraph: this.db.prepare(
        `UPDATE graphs SET quads = ?, hash = ?, source = coalesce(?, source), updated_at = ?, deleted_at = ?, last_seq = ? WHERE id = ?`,
      ),
      clearData: this.db.prepare(`DELETE FROM graph_data WHERE g = ?`),
      // Saves a graph's current content as the version of its last change, before a new change replaces it.
      keepVersion: this.db.prepare(`INSERT OR IGNORE INTO versions (seq, body) SELECT ?, coalesce((SELECT body FROM graph_data WHERE g = ?), '')`),
      setOriginal: this.db.prepare(`INSERT OR REPLACE INTO originals (g, format, body) VALUES (?, ?, ?)`),
      clearOriginal: this.db.prepare(`DELETE FROM originals WHERE g = ?`),
      setData: this.db.prepare(`INSERT OR REPLACE INTO graph_data (g, body) VALUES (?, ?)`),
      getData: this.db.prepare(`SELECT body FROM graph_data WHERE g = ?`).pluck(),
      change: this.db.prepare(`INSERT INTO changes (graph, op, ts, added, removed) VALUES (?, ?, ?, ?, ?)`),
      total: this.db.prepare(`SELECT coalesce(sum(quads), 0) AS n FROM graphs`),
      keepSubject: this.db.prepare(`INSERT OR IGNORE INTO tombstones (s, g) VALUES (?, ?)`),
    };
    this.readers = new JournalReads(this.db, path, () => this.bulkSets !== undefined);
    this.total = (this.stmt.total.get() as { n: number }).n;
  }

  /** Line sets of graphs changed by `applyDeltas` inside a bulk write, written out by `endBulk`. */
  private bulkSets: Map<number, Set<string>> | undefined;

  /**
   * Inside one open transaction, keeps graphs that receive many deltas in
   * memory instead of rewriting their row per delta (a 1 M-triple file arrives
   * as 20 chunks of one graph: O(n) instead of O(n²)).
   */
  beginBulk(): void {
    this.bulkStartSeq = this.lastSeq;
    this.committedTotal = this.total;
    this.bulkSets = new Map();
  }

  /** The quad total as committed, while a bulk transaction is open. */
  private committedTotal = 0;

  private bulkStartSeq = 0;

  /** Writes the kept graphs (before COMMIT), or drops them (before ROLLBACK). */
  endBulk(write: boolean): void {
    const sets = this.bulkSets;
    this.bulkSets = undefined;
    if (write && sets) {
      for (const [id, lines] of sets) this.writeLines(id, lines);
    }
  }

  /**
   * Before a change replaces a record graph's content: keep that content as the version of the
   * graph's last change. Not for the default graph, nor for a state that arose inside the
   * current bulk transaction (never visible, so not a version).
   */
  private supersede(row: { id: number; iri: string; last_seq: number }): void {
    if (row.iri === DEFAULT_GRAPH || row.last_seq === 0) return;
    if (this.bulkSets && row.last_seq > this.bulkStartSeq) return;
    this.stmt.keepVersion.run(row.last_seq, row.id);
  }

  /** The content of a record graph right after change `seq` ("s p o" lines), if that change left one. */
  versionLines(seq: number): string[] | undefined {
    return this.readers.versionLines(seq);
  }

  /** Re-reads the quad total after a rolled-back bulk transaction. */
  recount(): void {
    this.total = (this.stmt.total.get() as { n: number }).n;
  }

  get size(): number {
    return this.bulkSets ? this.committedTotal : this.total;
  }

  get budget(): number {
    return this.quadBudget;
  }

  get lastSeq(): number {
    return this.readers.lastSeq;
  }

  private checkBudget(delta: number, what: string): void {
    if (delta > 0 && this.total + delta > this.quadBudget) {
      throw new LibkgError(
        'QUOTA_EXCEEDED',
        `${what} would bring the store to ${this.total + delta} quads, above its budget of ${this.quadBudget}; nothing was written`,
        { size: this.total, budget: this.quadBudget, requested: delta },
      );
    }
  }

  private graphRow(iri: string, source?: string): GraphRow {
    const row = this.stmt.graphByIri.get(iri);
    if (row) return row;
    const t = now();
    return this.stmt.insertGraph.get(iri, source ?? null, t, t) as GraphRow;
  }

  private log(iri: string, op: string, ts: string, added: number, removed: number): number {
    return Number(this.stmt.change.run(iri, op, ts, added, removed).lastInsertRowid);
  }

  /**
   * Replaces whole graphs atomically; graphs whose content hash is unchanged are left alone (no change-log entry).
   * Per new graph three statements (changes, graphs, graph_data), the existing rows read in one query per batch.
   */
  replaceGraphs(writes: GraphWrite[]): WriteOutcome {
    for (const w of writes) assertGraphName(w.iri);
    return this.db
      .transaction((): WriteOutcome => {
        const out: WriteOutcome = { written: [], unchanged: [], firstSeq: 0, lastSeq: 0 };
        const rows = this.graphRows(writes.map((w) => w.iri));
        let delta = 0;
        const todo: GraphWrite[] = [];
        for (const w of writes) {
          const row = rows.get(w.iri);
          if (row && row.deleted_at === null && row.quads === w.lines.length && this.sameContent(row, w)) {
            out.unchanged.push(w.iri);
            continue;
          }
          delta += w.lines.length - (row?.quads ?? 0);
          todo.push(w);
        }
        this.checkBudget(delta, `writing ${todo.length} graph(s)`);
        const ts = now();
        for (const w of todo) {
          const n = w.lines.length;
          // Lines arrive deduplicated (the store builds them from a Set).
          const body = n ? (w.body ?? w.lines.join('\n')) : '';
          const row = rows.get(w.iri);
          const seq = this.log(w.iri, 'put', ts, n, row?.quads ?? 0);
          let id: number;
          if (row) {
            id = row.id;
            if (row.deleted_at === null) this.supersede(row);
            if (n) this.stmt.setData.run(id, body);
            else this.stmt.clearData.run(id);
            this.stmt.setGraph.run(n, null, w.source ?? null, ts, null, seq, id);
            this.total += n - row.quads;
          } else {
            // A new graph gets its final row at once (no insert-then-update).
            id = Number(this.stmt.insertFullGraph.run(w.iri, n, null, w.source ?? null, ts, ts, seq).lastInsertRowid);
            if (n) this.stmt.setData.run(id, body);
            this.total += n;
          }
          this.bulkSets?.delete(id);
          if (w.original) this.stmt.setOriginal.run(id, w.original.format, w.original.body);
          else if (row) this.stmt.clearOriginal.run(id);
          // The same graph twice in one batch: the second write replaces the first.
          rows.set(w.iri, { ...(row as GraphRow), id, quads: n, hash: null, deleted_at: null });
          out.written.push(w.iri);
          out.firstSeq ||= seq;
          out.lastSeq = seq;
        }
        return out;
      })
      .immediate();
  }

  /**
   * Whether a write brings exactly what the graph holds (same count checked first). The stored
   * body is compared, not a hash: most writes make new graphs, and hashing every body cost
   * ≈ 10 µs a MARC record (its UTF-8 form made once more) for the few that are re-imports.
   * Rows written by older versions keep their SHA-1 hash, which is still honoured. The same graph
   * twice in one batch reads the first write's row (same transaction).
   */
  private sameContent(row: GraphRow, w: GraphWrite): boolean {
    const body = w.body ?? w.lines.join('\n');
    if (row.hash) return row.hash === hashBody(body);
    const stored = (this.stmt.getData.get(row.id) as string | undefined) ?? '';
    if (stored === body) return true;
    // The same set in another order: SPARQL Update and Graph Store POST append, mappings keep their own order.
    const old = stored.split('\n').sort();
    const incoming = [...w.lines].sort();
    return old.length === incoming.length && old.every((l, i) => l === incoming[i]);
  }

  /** The rows of those graphs that exist, by IRI: one query for a whole batch. */
  private graphRows(iris: string[]): Map<string, GraphRow> {
    const rows = new Map<string, GraphRow>();
    if (iris.length === 1) {
      const row = this.stmt.graphByIri.get(iris[0] as string);
      if (row) rows.set(row.iri, row);
    } else if (iris.length) for (const row of this.stmt.graphsByIris.all(JSON.stringify(iris))) rows.set(row.iri, row);
    return rows;
  }

  /** Applies concrete additions and deletions (already known to be effective) per graph. */
  applyDeltas(deltas: Map<string, GraphDelta>, op = 'update'): WriteOutcome {
    for (const iri of deltas.keys()) assertGraphName(iri);
    return this.db
      .transaction((): WriteOutcome => {
        let net = 0;
        for (const d of deltas.values()) net += d.add.length - d.del.length;
        this.checkBudget(net, 'this update');
        const out: WriteOutcome = { written: [], unchanged: [], firstSeq: 0, lastSeq: 0 };
        const ts = now();
        for (const [iri, d] of deltas) {
          if (d.add.length === 0 && d.del.length === 0) continue;
          const row = this.graphRow(iri);
          if (row.deleted_at === null) this.supersede(row);
          const lines = this.bulkSets?.get(row.id) ?? new Set(this.readLines(row.id));
          const before = lines.size;
          for (const l of d.del) lines.delete(l);
          const removed = before - lines.size;
          for (const l of d.add) lines.add(l);
          const added = lines.size - (before - removed);
          const count = row.quads + added - removed;
          out.added = (out.added ?? 0) + added;
          out.removed = (out.removed ?? 0) + removed;
          const seq = this.log(iri, op, ts, added, removed);
          // Inside a bulk write a graph that grows chunk by chunk is written once, at the end.
          if (this.bulkSets) this.bulkSets.set(row.id, lines);
          else this.writeLines(row.id, lines);
          this.stmt.setGraph.run(count, null, null, ts, null, seq, row.id);
          this.total += added - removed;
          out.written.push(iri);
          out.firstSeq ||= seq;
          out.lastSeq = seq;
        }
        return out;
      })
      .immediate();
  }

  /** Deletes graphs, leaving tombstones with a timestamp. */
  deleteGraphs(iris: string[]): WriteOutcome {
    return this.db
      .transaction((): WriteOutcome => {
        const out: WriteOutcome = { written: [], unchanged: [], firstSeq: 0, lastSeq: 0 };
        const ts = now();
        for (const iri of iris) {
          const row = this.stmt.graphByIri.get(iri);
          if (!row || row.deleted_at !== null) {
            out.unchanged.push(iri);
            continue;
          }
          // Lines start with "<subject> "; IRIs hold neither '>' nor spaces.
          this.supersede(row);
          const current = this.bulkSets?.get(row.id) ?? this.readLines(row.id);
          this.bulkSets?.delete(row.id);
          for (const l of new Set([...current].map((l: string) => (l.startsWith('<') ? l.slice(1, l.indexOf('> ')) : '')))) {
            if (l) this.stmt.keepSubject.run(l, row.id);
          }
          this.stmt.clearData.run(row.id);
          this.stmt.clearOriginal.run(row.id);
          const seq = this.log(iri, 'delete', ts, 0, row.quads);
          // The default graph is never tombstoned: it always exists, possibly empty.
          this.stmt.setGraph.run(0, null, null, ts, iri === DEFAULT_GRAPH ? null : ts, seq, row.id);
          this.total -= row.quads;
          out.written.push(iri);
          out.firstSeq ||= seq;
          out.lastSeq = seq;
        }
        return out;
      })
      .immediate();
  }

  /** The source record a graph was mapped from, if the import kept it. */
  original(iri: string): { format: string; body: string } | undefined {
    return this.readers.original(iri);
  }

  graphInfo(iri: string): GraphInfo | undefined {
    return this.readers.graphInfo(iri);
  }

  /** Graphs that held `subject` when they were deleted and are still deleted. */
  deletedGraphsWith(subject: string): GraphInfo[] {
    return this.readers.deletedGraphsWith(subject);
  }

  private readLines(id: number): string[] {
    const body = this.stmt.getData.get(id) as string | undefined;
    return body ? body.split('\n') : [];
  }

  private writeLines(id: number, lines: Set<string>): void {
    if (lines.size === 0) {
      this.stmt.clearData.run(id);
      return;
    }
    assertGraphFits(() => this.db.prepare(`SELECT iri FROM graphs WHERE id = ?`).pluck().get(id) as string, lines, this.maxGraphChars);
    this.stmt.setData.run(id, [...lines].join('\n'));
  }

  graphLines(iri: string): string[] {
    return this.readers.graphLines(iri);
  }

  /** Part of a graph's stored lines with its last change (see JournalReads.graphBodyPart). */
  graphBodyPart(iri: string, from: number, chars: number): { seq: number; part: string } | undefined {
    return this.readers.graphBodyPart(iri, from, chars);
  }

  listGraphs(options: { includeDeleted?: boolean } = {}): GraphInfo[] {
    return this.readers.listGraphs(options);
  }

  graphCount(): number {
    return this.readers.graphCount();
  }

  changes(afterSeq: number, limit: number): ChangeEntry[] {
    return this.readers.changes(afterSeq, limit);
  }

  /** Every graph's lines as [graph IRI, "s p o" lines joined by newlines], graph by graph. */
  *bodies(): Generator<[string, string]> {
    yield* this.db.prepare(`SELECT g.iri, d.body FROM graph_data d JOIN graphs g ON g.id = d.g ORDER BY d.g`).raw().iterate() as Iterable<[string, string]>;
  }

  getMeta(key: string): string | undefined {
    return (this.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string | undefined) ?? undefined;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value);
  }

  close(): void {
    this.readers.close();
    if (this.db.open) this.db.close();
  }
}
