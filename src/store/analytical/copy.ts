/**
 * The analytical copy: the journal's quads in an in-memory DuckDB database, dictionary-encoded
 * (`terms` holds each distinct term once, `quads` four integer ids a row, sorted by predicate so
 * a pattern with a constant predicate reads only its row groups). Graph id 0 is the default graph.
 * The term dictionary is also kept in JS: writes encode without asking DuckDB, results decode
 * without a join.
 */
import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import type { ApplyRequest } from '../engine-protocol.js';
import type { Statistics } from './planner.js';
import { canonicalTerm, splitTriple, termEnd, termRow } from './terms.js';

/** Journal lines per appender flush while loading (progress is reported per flush). */
const LOAD_BATCH = 100_000;

export interface LoadProgress {
  quads: number;
  ms: number;
}

/** An N-Quads line ("s p o [g] .") as the triple's line and its graph IRI ('' for the default graph). */
export function splitQuadLine(line: string): { triple: string; graph: string } {
  const body = line.endsWith(' .') ? line.slice(0, -2) : line;
  const [s, p] = splitTriple(body);
  const oStart = s.length + p.length + 2;
  const oEnd = termEnd(body, oStart);
  const rest = body.slice(oEnd).trim();
  return { triple: body.slice(0, oEnd), graph: rest ? rest.slice(1, -1) : '' };
}

export class AnalyticalCopy {
  /** N-Triples form → id (ids start at 1; 0 is the default graph). */
  private readonly ids = new Map<string, number>();
  /** id → N-Triples form. */
  readonly terms: string[] = [''];
  /** Quads per predicate id, kept after every change (the planner's statistics). */
  readonly predicateCounts = new Map<number, number>();
  /** Distinct objects per predicate id: quads / distinct objects estimates a pattern with a given object. */
  readonly predicateObjects = new Map<number, number>();
  /** Change-log sequence the copy holds. */
  seq = 0;
  quads = 0;
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly db: DuckDBConnection,
  ) {}

  static async create(): Promise<AnalyticalCopy> {
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    await db.run(`CREATE TABLE terms(id INTEGER, kind UTINYINT, lex VARCHAR, dt VARCHAR, lang VARCHAR, num DOUBLE, ntype UTINYINT, ekey DOUBLE)`);
    await db.run(`CREATE TABLE quads(g INTEGER, s INTEGER, p INTEGER, o INTEGER)`);
    return new AnalyticalCopy(instance, db);
  }

  /** The id of a term in N-Triples form, if the copy has ever held it. */
  idOf(nt: string): number | undefined {
    return this.ids.get(nt) ?? this.ids.get(canonicalTerm(nt));
  }

  private encode(raw: string, terms: DuckDBAppender): number {
    let id = this.ids.get(raw);
    if (id !== undefined) return id;
    // Two spellings of one value ("01"^^xsd:int, "1"^^xsd:integer) are one term, as in Oxigraph.
    const nt = canonicalTerm(raw);
    id = this.ids.get(nt);
    if (id !== undefined) {
      this.ids.set(raw, id);
      return id;
    }
    id = this.terms.length;
    this.ids.set(nt, id);
    if (raw !== nt) this.ids.set(raw, id);
    this.terms.push(nt);
    const r = termRow(nt);
    terms.appendInteger(id);
    terms.appendUTinyInt(r.kind);
    terms.appendVarchar(r.lex);
    if (r.datatype === null) terms.appendNull();
    else terms.appendVarchar(r.datatype);
    if (r.lang === null) terms.appendNull();
    else terms.appendVarchar(r.lang);
    if (r.num === null) terms.appendNull();
    else terms.appendDouble(r.num);
    if (r.numType === null) terms.appendNull();
    else terms.appendUTinyInt(r.numType);
    // Equal by SPARQL `=` implies equal `ekey` (a number's value, else the id): a hash key for joins a filter makes.
    terms.appendDouble(r.num !== null && r.numType !== null ? r.num : id);
    terms.endRow();
    return id;
  }

  private graphId(iri: string, terms: DuckDBAppender): number {
    return iri === '' ? 0 : this.encode(`<${iri}>`, terms);
  }

  /** Appends triples of one graph to `table` (quads or a staging table). */
  private appendLines(graph: string, lines: Iterable<string>, quads: DuckDBAppender, terms: DuckDBAppender): number {
    const g = this.graphId(graph, terms);
    let n = 0;
    for (const line of lines) {
      if (!line) continue;
      const [s, p, o] = splitTriple(line);
      quads.appendInteger(g);
      quads.appendInteger(this.encode(s, terms));
      quads.appendInteger(this.encode(p, terms));
      quads.appendInteger(this.encode(o, terms));
      quads.endRow();
      n++;
    }
    return n;
  }

  /** Loads the whole journal (one read snapshot); quarantined graph names (not IRIs) are left out as the engines do. */
  async loadJournal(dbPath: string, skipGraph: (iri: string) => boolean, onProgress?: (p: LoadProgress) => void): Promise<void> {
    const t0 = performance.now();
    const sqlite = new Database(dbPath, { readonly: true });
    sqlite.pragma('busy_timeout = 5000');
    await this.db.run('CREATE TEMP TABLE load(g INTEGER, s INTEGER, p INTEGER, o INTEGER)');
    const quads = await this.db.createAppender('load', 'main', 'temp');
    const terms = await this.db.createAppender('terms');
    let loaded = 0;
    let sinceFlush = 0;
    try {
      sqlite.exec('BEGIN');
      this.seq = (sqlite.prepare('SELECT coalesce(max(seq), 0) FROM changes').pluck().get() as number) ?? 0;
      const rows = sqlite.prepare('SELECT g.iri, d.body FROM graph_data d JOIN graphs g ON g.id = d.g').raw().iterate() as Iterable<[string, string]>;
      for (const [iri, body] of rows) {
        if (skipGraph(iri)) continue;
        const n = this.appendLines(iri, body.split('\n'), quads, terms);
        loaded += n;
        sinceFlush += n;
        if (sinceFlush >= LOAD_BATCH) {
          sinceFlush = 0;
          onProgress?.({ quads: loaded, ms: performance.now() - t0 });
          // Let the event loop breathe during a long load.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      sqlite.exec('COMMIT');
    } finally {
      sqlite.close();
    }
    terms.closeSync();
    quads.closeSync();
    await this.db.run('INSERT INTO quads SELECT * FROM load ORDER BY p, s, o');
    await this.db.run('DROP TABLE load');
    await this.refreshStatistics();
    onProgress?.({ quads: loaded, ms: performance.now() - t0 });
  }

  /** Loads quads given as N-Quads lines (a differential test's data); idempotent like a Graph Store POST. */
  async addLines(lines: string[]): Promise<void> {
    await this.apply({ op: 'apply', del: [], add: lines });
  }

  /** One committed write (`engine-protocol.ts` apply): graphs emptied, lines deleted, lines added. */
  async apply(req: ApplyRequest): Promise<void> {
    if (req.seq !== undefined && req.seq <= this.seq) return;
    // One transaction: a query on another connection sees the write whole or not at all.
    await this.db.run('BEGIN');
    try {
      await this.applyInTransaction(req);
      await this.db.run('COMMIT');
    } catch (e) {
      await this.db.run('ROLLBACK').catch(() => {});
      throw e;
    }
    if (req.seq !== undefined) this.seq = req.seq;
    await this.refreshStatistics();
  }

  private async applyInTransaction(req: ApplyRequest): Promise<void> {
    const terms = await this.db.createAppender('terms');
    for (const g of req.clear ?? []) {
      const id = g === '' ? 0 : this.idOf(`<${g}>`);
      if (id !== undefined) await this.db.run(`DELETE FROM quads WHERE g = ${id}`);
    }
    for (const [lines, table] of [
      [req.del, 'del'],
      [req.add, 'add'],
    ] as const) {
      if (!lines.length) continue;
      await this.db.run(`CREATE OR REPLACE TEMP TABLE ${table}(g INTEGER, s INTEGER, p INTEGER, o INTEGER)`);
      const stage = await this.db.createAppender(table, 'main', 'temp');
      for (const line of lines) {
        const { triple, graph } = splitQuadLine(line);
        this.appendLines(graph, [triple], stage, terms);
      }
      stage.closeSync();
    }
    terms.closeSync();
    if (req.del.length) {
      await this.db.run('DELETE FROM quads q USING temp.del d WHERE q.g = d.g AND q.s = d.s AND q.p = d.p AND q.o = d.o');
    }
    if (req.add.length) {
      // Adds are idempotent (the engines' are): a quad the copy holds is not added twice.
      await this.db.run(
        'INSERT INTO quads SELECT DISTINCT a.* FROM temp.add a WHERE NOT EXISTS (SELECT 1 FROM quads q WHERE q.g = a.g AND q.s = a.s AND q.p = a.p AND q.o = a.o)',
      );
    }
  }

  private async refreshStatistics(): Promise<void> {
    const rows = await this.rows('SELECT p, count(*)::BIGINT, approx_count_distinct(o)::BIGINT FROM quads GROUP BY p');
    this.predicateCounts.clear();
    this.predicateObjects.clear();
    let total = 0;
    for (const [p, n, objects] of rows) {
      this.predicateCounts.set(Number(p), Number(n));
      this.predicateObjects.set(Number(p), Math.max(1, Number(objects)));
      total += Number(n);
    }
    this.quads = total;
  }

  /** The planner's statistics, as of the last write applied. */
  statistics(): Statistics {
    const id = (nt: string) => this.idOf(nt) ?? -1;
    return {
      predicateQuads: (nt) => this.predicateCounts.get(id(nt)) ?? 0,
      predicateObjects: (nt) => this.predicateObjects.get(id(nt)) ?? 1,
      totalQuads: this.quads,
    };
  }

  /** Runs SQL and returns its rows (on `connection` when given: a query that may be interrupted). */
  async rows(sql: string, connection: DuckDBConnection = this.db): Promise<DuckDBValue[][]> {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRows();
  }

  /** A connection of its own for one query: it reads the last committed write, and can be interrupted alone. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  close(): void {
    this.db.closeSync();
    this.instance.closeSync();
  }
}
