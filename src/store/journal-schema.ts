/** The journal's tables (src/store/journal.ts); `IF NOT EXISTS` everywhere, so opening an existing file is safe. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS graphs (
  id INTEGER PRIMARY KEY,
  iri TEXT NOT NULL UNIQUE,
  quads INTEGER NOT NULL DEFAULT 0,
  hash TEXT, -- SHA-1 of the body, kept by journals written before 2026-11; new writes leave it NULL (the body is compared)
  source TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0
);
-- A graph's triples as "s p o" lines (N-Triples syntax, no final dot), one row per graph.
-- One row per quad measured 3-5x slower to write and scan (docs/decisions/0001-journal-layout.md).
CREATE TABLE IF NOT EXISTS graph_data (
  g INTEGER PRIMARY KEY,
  body TEXT NOT NULL
);
-- The source record a graph was mapped from, for faithful re-export: ISO 2709 bytes as latin1 text ('marc21+iso2709'),
-- or the reader's record as JSON ('marc21' from MARCXML); src/ingest/readers/marc-original.ts reads both.
CREATE TABLE IF NOT EXISTS originals (
  g INTEGER PRIMARY KEY,
  format TEXT NOT NULL,
  body TEXT NOT NULL
);
-- A record graph's content right after an earlier change (its change-log sequence), saved when a later
-- change supersedes it; the latest version of a graph is its graph_data row. Version history (LDES) is exact.
CREATE TABLE IF NOT EXISTS versions (
  seq INTEGER PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  graph TEXT NOT NULL,
  op TEXT NOT NULL,
  ts TEXT NOT NULL,
  added INTEGER NOT NULL DEFAULT 0,
  removed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS changes_graph ON changes (graph, seq);
CREATE INDEX IF NOT EXISTS graphs_last_seq ON graphs (last_seq);
CREATE INDEX IF NOT EXISTS changes_ts ON changes (ts);
CREATE TABLE IF NOT EXISTS tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Subject IRIs a graph held when it was deleted, so linked data can answer 410 Gone.
CREATE TABLE IF NOT EXISTS tombstones (s TEXT NOT NULL, g INTEGER NOT NULL, PRIMARY KEY (s, g)) WITHOUT ROWID;
`;
