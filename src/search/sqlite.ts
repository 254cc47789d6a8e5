/**
 * The search index in its own SQLite file (`search.sqlite`, never the
 * journal: it is derived and can be deleted and rebuilt). FTS5 with the
 * unicode61 tokenizer (diacritics folded) ranks by bm25 with labels weighted
 * highest; plain tables hold each graph's part of an entity, the merged
 * entity, and its facet values.
 */
import Database from 'better-sqlite3';
import { LibkgError } from '../errors.js';
import { COLUMNS, ftsExpression, WEIGHTS } from './fts-expression.js';
import { columnTexts, displayLabel, mergeDocs } from './merge.js';
import { type FacetField, type FacetValue, type SearchAnswer, type SearchDoc, type SearchIndex, type SearchRequest, YEAR_FACET_VALUES } from './port.js';
import { foldLabel } from './text.js';
import { type Correction, editDistance, hasVariants, type VocabularyWord, withTypos } from './typos.js';

/** Bumped when the schema or what is indexed changes: an older index is dropped and rebuilt from the store. */
const SCHEMA_VERSION = '4';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- What each record graph says about each entity (an entity may be described by many graphs).
CREATE TABLE IF NOT EXISTS parts (graph TEXT NOT NULL, iri TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (graph, iri)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS parts_iri ON parts (iri);
-- The merged entity; its id is the FTS row.
CREATE TABLE IF NOT EXISTS entities (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, label TEXT NOT NULL, sort TEXT NOT NULL, year INTEGER, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entities_sort ON entities (sort);
CREATE INDEX IF NOT EXISTS entities_year ON entities (year);
CREATE TABLE IF NOT EXISTS facets (field TEXT NOT NULL, value TEXT NOT NULL, entity INTEGER NOT NULL, label TEXT, PRIMARY KEY (field, value, entity)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facets_entity ON facets (entity, field);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(${COLUMNS.join(', ')}, tokenize = 'unicode61 remove_diacritics 2');
-- The index's own words and how many entities hold each (typo variants and "did you mean", typos.ts).
CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
`;

/**
 * Rank offsets of the tiers (concepts.ts, typos.ts): named entities first, then text matches, matches through typo
 * variants only, and entities found only through a concept the query names. bm25 stays far below 1e9.
 */
const TIER = 1e9;
const BM25 = `bm25(fts, ${WEIGHTS.join(', ')})`;

export const FACET_FIELDS: FacetField[] = ['type', 'lang', 'year', 'subject'];

const marks = (xs: unknown[]) => xs.map(() => '?').join(', ');

/** A score that reads in rank order across the tiers: named 1e6+, text -bm25, typo variants a tenth of that, concepts 0.001. */
const tierScore = (rank: string) =>
  `CASE WHEN ${rank} < ${-TIER / 2} THEN 1e6 - (${rank} + ${TIER}) WHEN ${rank} < ${TIER / 2} THEN -${rank} WHEN ${rank} < ${1.5 * TIER} THEN (${TIER} - ${rank}) * 0.1 ELSE 0.001 END`;

export class SqliteSearchIndex implements SearchIndex {
  private readonly db: Database.Database;
  private readonly stmt;
  /** Statements of searches, by SQL (the shapes repeat: a few filters in a few combinations). */
  private readonly statements = new Map<string, Database.Statement>();
  /** Entities whose parts changed in the running batch. */
  private readonly pending = new Set<string>();
  private depth = 0;
  private hitsTable = false;
  /** Totals and facets of searches without a query, until the next write. */
  private readonly browseCache = new Map<string, Pick<SearchAnswer, 'total' | 'facets'>>();
  /** Near words by query word, until the next write (a typo query repeats while a user pages). */
  private readonly similarCache = new Map<string, VocabularyWord[]>();

  /** Opens (or creates) the index at `path` (':memory:' for a throwaway one) for the given base IRI. */
  constructor(path: string, baseIri: string) {
    this.db = new Database(path);
    try {
      this.db.pragma('journal_mode = WAL');
    } catch (e) {
      // Not a database (a damaged file): let the caller decide, without a dangling handle.
      this.db.close();
      throw e;
    }
    this.db.pragma('synchronous = NORMAL');
    const version = this.metaValue('schema');
    const base = this.metaValue('base');
    // Derived data: an index of another schema or base IRI is dropped and rebuilt from the store.
    if (version !== SCHEMA_VERSION || base !== baseIri) {
      this.db.exec(
        'DROP TABLE IF EXISTS fts_vocab; DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS facets; DROP TABLE IF EXISTS entities; DROP TABLE IF EXISTS parts; DROP TABLE IF EXISTS meta;',
      );
    }
    this.db.exec(SCHEMA);
    this.setMeta('schema', SCHEMA_VERSION);
    this.setMeta('base', baseIri);
    this.stmt = {
      partsOfGraph: this.db.prepare<[string], { iri: string; doc: string }>('SELECT iri, doc FROM parts WHERE graph = ?'),
      deleteParts: this.db.prepare<[string]>('DELETE FROM parts WHERE graph = ?'),
      partDoc: this.db.prepare<[string, string], { doc: string }>('SELECT doc FROM parts WHERE graph = ? AND iri = ?'),
      iriOfGraphParts: this.db.prepare<[string], { iri: string }>('SELECT iri FROM parts WHERE graph = ?'),
      deletePart: this.db.prepare<[string, string]>('DELETE FROM parts WHERE graph = ? AND iri = ?'),
      insertPart: this.db.prepare<[string, string, string]>('INSERT OR REPLACE INTO parts (graph, iri, doc) VALUES (?, ?, ?)'),
      // Identical parts (a publisher or person named alike in thousands of records) are merged once: merging is idempotent.
      partsOf: this.db.prepare<[string], { doc: string }>('SELECT doc FROM parts WHERE iri = ? GROUP BY doc ORDER BY min(graph)'),
      graphsOf: this.db.prepare<[string], { graph: string }>('SELECT graph FROM parts WHERE iri = ? ORDER BY graph'),
      entityId: this.db.prepare<[string], { id: number }>('SELECT id FROM entities WHERE iri = ?'),
      entityDoc: this.db.prepare<[string], { doc: string }>('SELECT doc FROM entities WHERE iri = ?'),
      insertEntity: this.db.prepare<[string, string, string, number | null, string]>(
        'INSERT INTO entities (iri, label, sort, year, doc) VALUES (?, ?, ?, ?, ?)',
      ),
      updateEntity: this.db.prepare<[string, string, number | null, string, number]>('UPDATE entities SET label = ?, sort = ?, year = ?, doc = ? WHERE id = ?'),
      deleteEntity: this.db.prepare<[number]>('DELETE FROM entities WHERE id = ?'),
      deleteFts: this.db.prepare<[number]>('DELETE FROM fts WHERE rowid = ?'),
      insertFts: this.db.prepare(`INSERT INTO fts (rowid, ${COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      deleteFacets: this.db.prepare<[number]>('DELETE FROM facets WHERE entity = ?'),
      insertFacet: this.db.prepare<[string, string, number, string | null]>('INSERT OR IGNORE INTO facets (field, value, entity, label) VALUES (?, ?, ?, ?)'),
      count: this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM entities'),
      // fts5vocab reads a range of terms from the index's term b-tree: the words sharing a first letter.
      wordsBetween: this.db.prepare<[string, string, number, number], VocabularyWord>(
        'SELECT term, doc AS docs FROM fts_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?',
      ),
    };
  }

  private cached(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size >= 200) this.statements.clear();
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private metaValue(key: string): string | undefined {
    try {
      return this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value;
    } catch {
      return undefined; // no meta table yet
    }
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  applyGraph(graph: string, docs: SearchDoc[]): void {
    this.batch(() => {
      const old = new Map(this.stmt.partsOfGraph.all(graph).map((r) => [r.iri, r.doc]));
      this.stmt.deleteParts.run(graph);
      for (const d of docs) {
        const json = JSON.stringify(d);
        this.stmt.insertPart.run(graph, d.iri, json);
        // A part that did not change (a re-imported record, a publisher named in many records) needs no re-merge.
        if (old.get(d.iri) !== json) this.pending.add(d.iri);
        old.delete(d.iri);
      }
      for (const iri of old.keys()) this.pending.add(iri);
    });
  }

  putGraphParts(graph: string, docs: SearchDoc[]): void {
    this.batch(() => {
      for (const d of docs) {
        const json = JSON.stringify(d);
        if (this.stmt.partDoc.get(graph, d.iri)?.doc === json) continue;
        this.stmt.insertPart.run(graph, d.iri, json);
        this.pending.add(d.iri);
      }
    });
  }

  endGraphParts(graph: string, keep: ReadonlySet<string>, max: number): boolean {
    return this.batch(() => {
      const stale = this.stmt.iriOfGraphParts
        .all(graph)
        .map((r) => r.iri)
        .filter((iri) => !keep.has(iri));
      for (const iri of stale.slice(0, max)) {
        this.stmt.deletePart.run(graph, iri);
        this.pending.add(iri);
      }
      return stale.length <= max;
    });
  }

  private rebuildEntity(iri: string): void {
    const parts = this.stmt.partsOf.all(iri).map((r) => JSON.parse(r.doc) as SearchDoc);
    const existing = this.stmt.entityId.get(iri)?.id;
    if (existing !== undefined) {
      this.stmt.deleteFts.run(existing);
      this.stmt.deleteFacets.run(existing);
    }
    if (parts.length === 0) {
      if (existing !== undefined) this.stmt.deleteEntity.run(existing);
      return;
    }
    const doc = mergeDocs(parts);
    const label = displayLabel(doc);
    const year = doc.years.length ? Math.min(...doc.years) : null;
    const json = JSON.stringify(doc);
    let id = existing;
    if (id === undefined) id = Number(this.stmt.insertEntity.run(iri, label, foldLabel(label), year, json).lastInsertRowid);
    else this.stmt.updateEntity.run(label, foldLabel(label), year, json, id);
    this.stmt.insertFts.run(id, ...columnTexts(doc));
    for (const t of doc.types) this.stmt.insertFacet.run('type', t, id, null);
    for (const l of doc.languages) this.stmt.insertFacet.run('lang', l, id, null);
    for (const s of doc.subjects) this.stmt.insertFacet.run('subject', s.iri ?? s.label, id, s.label);
  }

  setLastSeq(seq: number): void {
    this.setMeta('lastSeq', String(seq));
  }

  lastSeq(): number {
    return Number(this.metaValue('lastSeq') ?? 0);
  }

  /**
   * One transaction; entities touched by its graphs are merged once, at its end
   * (an entity named in many graphs of a batch is not re-merged per graph).
   */
  batch<T>(fn: () => T): T {
    return this.db.transaction(() => {
      this.depth++;
      try {
        const out = fn();
        if (this.depth === 1) {
          for (const iri of this.pending) this.rebuildEntity(iri);
          if (this.pending.size > 0) {
            this.browseCache.clear();
            this.similarCache.clear();
          }
          this.pending.clear();
        }
        return out;
      } catch (e) {
        // An inner batch rolls back to its savepoint only; the outer one still merges what it touched.
        if (this.depth === 1) this.pending.clear();
        throw e;
      } finally {
        this.depth--;
      }
    })();
  }

  similarTerms(word: string, maxEdits: number): VocabularyWord[] {
    const key = `${maxEdits}\u0000${word}`;
    let found = this.similarCache.get(key);
    if (!found) {
      const first = String.fromCodePoint(word.codePointAt(0) ?? 0);
      const next = String.fromCodePoint((word.codePointAt(0) ?? 0) + 1);
      const n = word.length;
      found = this.stmt.wordsBetween.all(first, next, Math.max(1, n - maxEdits), n + maxEdits).filter((w) => editDistance(word, w.term, maxEdits) <= maxEdits);
      if (this.similarCache.size >= 1000) this.similarCache.clear();
      this.similarCache.set(key, found);
    }
    return found;
  }

  search(req: SearchRequest): SearchAnswer {
    const where: string[] = [];
    const params: (string | number)[] = [];
    let from = 'entities e';
    let order = '0';
    let scoreOf = (_rank: string) => '0';
    let query = req.query;
    let corrections: Correction[] = [];
    if (query && req.typos !== false) ({ node: query, corrections } = withTypos(query, (w, k) => this.similarTerms(w, k)));
    const named = query ? (req.named ?? []) : [];
    const concepts = query ? (req.concepts ?? []) : [];
    if (query && (hasVariants(query) || named.length || concepts.length)) {
      // Each tier a matching set with its rank; every entity once, at its best rank.
      const tiers = [`SELECT rowid AS id, ${BM25} AS rank FROM fts WHERE fts MATCH ?`];
      const tierParams: string[] = [ftsExpression(query)];
      if (hasVariants(query)) {
        tiers.push(`SELECT rowid, ${TIER} + ${BM25} FROM fts WHERE fts MATCH ?`);
        tierParams.push(ftsExpression(query, true));
      }
      if (concepts.length) {
        tiers.push(`SELECT entity, ${2 * TIER} FROM facets WHERE field = 'subject' AND value IN (${marks(concepts)})`);
        tierParams.push(...concepts);
      }
      if (named.length) {
        // Named entities are labelled with the query's text: they match it, ahead of everything.
        tiers.push(`SELECT id, ${-TIER} FROM entities WHERE iri IN (${marks(named)})`);
        tierParams.push(...named);
      }
      params.push(...tierParams);
      from = `(SELECT id, min(rank) AS rank FROM (${tiers.join(' UNION ALL ')}) GROUP BY id) m JOIN entities e ON e.id = m.id`;
      order = 'm.rank';
      scoreOf = tierScore;
    } else if (query) {
      from = 'fts JOIN entities e ON e.id = fts.rowid';
      where.push('fts MATCH ?');
      params.push(ftsExpression(query));
      order = BM25;
      scoreOf = (rank) => `-${rank}`;
    }
    const score = scoreOf(order);
    const f = req.filters ?? {};
    const anyOf = (field: string, values: string[] | undefined) => {
      if (!values?.length) return;
      where.push(`EXISTS (SELECT 1 FROM facets f WHERE f.field = ? AND f.entity = e.id AND f.value IN (${values.map(() => '?').join(', ')}))`);
      params.push(field, ...values);
    };
    anyOf('type', f.types);
    anyOf('lang', f.langs);
    anyOf('subject', f.subjects);
    if (f.iriPrefix) {
      where.push('substr(e.iri, 1, ?) = ?');
      params.push(f.iriPrefix.length, f.iriPrefix);
    }
    if (f.yearFrom !== undefined) {
      where.push('e.year >= ?');
      params.push(f.yearFrom);
    }
    if (f.yearTo !== undefined) {
      where.push('e.year <= ?');
      params.push(f.yearTo);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const sortBy = req.sort ?? (req.query ? 'relevance' : 'label');
    /** ORDER BY over columns named by `t`: the entity (e.) or the matching set (h.). */
    const orderOf = (t: string, rank: string) => {
      const base = sortBy === 'relevance' || ((sortBy === 'newest' || sortBy === 'oldest') && req.query) ? `${rank}, ${t}.sort, ${t}.id` : `${t}.sort, ${t}.id`;
      if (sortBy === 'newest') return `${t}.year IS NULL, ${t}.year DESC, ${base}`;
      if (sortBy === 'oldest') return `${t}.year IS NULL, ${t}.year ASC, ${base}`;
      return base;
    };
    const parse = (rows: { doc: string; score: number }[]) => rows.map((r) => ({ doc: JSON.parse(r.doc) as SearchDoc, score: r.score }));
    const pageOfMatches = () =>
      parse(
        this.cached(`SELECT e.doc AS doc, ${score} AS score FROM ${from} ${whereSql} ORDER BY ${orderOf('e', order)} LIMIT ? OFFSET ?`).all(
          ...params,
          req.size,
          req.from,
        ) as { doc: string; score: number }[],
      );
    try {
      const fields = (req.facets ?? []).filter((f) => FACET_FIELDS.includes(f));
      const withCorrections = (a: SearchAnswer): SearchAnswer => (corrections.length ? { ...a, corrections } : a);
      if (fields.length === 0) {
        const total = (this.cached(`SELECT count(*) AS n FROM ${from} ${whereSql}`).get(...params) as { n: number }).n;
        return withCorrections({ total, hits: pageOfMatches(), facets: {} });
      }
      // Browsing without a query (the search page's landing, facet clicks) repeats: its counts are kept until the next write.
      const browseKey = req.query ? undefined : JSON.stringify([whereSql, params, fields, req.facetSize]);
      const browsed = browseKey === undefined ? undefined : this.browseCache.get(browseKey);
      if (browsed) return { total: browsed.total, hits: pageOfMatches(), facets: browsed.facets };
      // The matching set once, with its rank, in a temporary table: the page, the count and every facet read it
      // instead of matching again.
      if (!this.hitsTable) {
        this.db.exec('CREATE TEMP TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, year INTEGER, rank REAL, sort TEXT)');
        this.hitsTable = true;
      }
      this.cached('DELETE FROM temp.hits').run();
      const total = this.cached(`INSERT INTO temp.hits (id, year, rank, sort) SELECT e.id, e.year, ${order}, e.sort FROM ${from} ${whereSql}`).run(
        ...params,
      ).changes;
      const hits = parse(
        this.cached(
          `SELECT e.doc AS doc, ${scoreOf('h.rank')} AS score FROM temp.hits h JOIN entities e ON e.id = h.id ORDER BY ${orderOf('h', 'h.rank')} LIMIT ? OFFSET ?`,
        ).all(req.size, req.from) as { doc: string; score: number }[],
      );
      const facets: SearchAnswer['facets'] = {};
      const size = req.facetSize ?? 20;
      for (const field of fields) {
        // Few hits: look up each hit's values; many: scan the field's values once (measured: both ways differ 2-50x at the extremes).
        const sql =
          field === 'year'
            ? 'SELECT CAST(year AS TEXT) AS value, NULL AS label, count(*) AS count FROM temp.hits WHERE year IS NOT NULL GROUP BY year ORDER BY year LIMIT ?'
            : total <= 2000
              ? 'SELECT x.value AS value, max(x.label) AS label, count(*) AS count FROM temp.hits h CROSS JOIN facets x ON x.entity = h.id AND x.field = ? GROUP BY x.value ORDER BY count DESC, x.value LIMIT ?'
              : 'SELECT x.value AS value, max(x.label) AS label, count(*) AS count FROM facets x WHERE x.field = ? AND x.entity IN (SELECT id FROM temp.hits) GROUP BY x.value ORDER BY count DESC, x.value LIMIT ?';
        const args = field === 'year' ? [YEAR_FACET_VALUES] : [field, size];
        facets[field] = (this.cached(sql).all(...args) as { value: string; label: string | null; count: number }[]).map(
          (r): FacetValue => ({ value: r.value, count: r.count, ...(r.label && r.label !== r.value ? { label: r.label } : {}) }),
        );
      }
      this.cached('DELETE FROM temp.hits').run();
      if (browseKey !== undefined) {
        if (this.browseCache.size >= 100) this.browseCache.clear();
        this.browseCache.set(browseKey, { total, facets });
      }
      return withCorrections({ total, hits, facets });
    } catch (e) {
      // Our expression is always well formed; FTS5 can still refuse a query it cannot plan (e.g. a prefix on an empty string).
      if (e instanceof Error && /fts5|MATCH/i.test(e.message)) throw new LibkgError('BAD_REQUEST', `the search index cannot run this query: ${e.message}`);
      throw e;
    }
  }

  labelsOf(iris: string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 0; i < iris.length; i += 500) {
      const chunk = iris.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT iri, label FROM entities WHERE iri IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as {
        iri: string;
        label: string;
      }[];
      for (const r of rows) if (r.label !== r.iri) out.set(r.iri, r.label);
    }
    return out;
  }

  get(iri: string): SearchDoc | undefined {
    const row = this.stmt.entityDoc.get(iri);
    return row ? (JSON.parse(row.doc) as SearchDoc) : undefined;
  }

  graphsOf(iri: string): string[] {
    return this.stmt.graphsOf.all(iri).map((r) => r.graph);
  }

  count(): number {
    return this.stmt.count.get()?.n ?? 0;
  }

  clear(): void {
    this.db.exec('DELETE FROM fts; DELETE FROM facets; DELETE FROM entities; DELETE FROM parts;');
    this.browseCache.clear();
    this.similarCache.clear();
    this.setLastSeq(0);
  }

  close(): void {
    this.db.close();
  }
}
