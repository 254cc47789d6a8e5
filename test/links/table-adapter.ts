/** Test adapter: rows of a publication table as LinkEntities, the spec's value paths mapped to CSV columns. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { LinkEntity, LinkSpec } from '../../src/links/engine/index.js';
import { NS } from '../../src/vocab.js';

/** The paths of mappings/links/publications.yaml, as the table mapping would model the columns. */
export const COLUMN_OF_PATH: Record<string, string> = {
  [`<${NS.dct('title')}>`]: 'title',
  [`<${NS.dct('creator')}>/<${NS.foaf('name')}>`]: 'authors',
  [`<${NS.dct('isPartOf')}>/<${NS.dct('title')}>`]: 'venue',
  [`<${NS.dct('issued')}>`]: 'year',
};

/** UTF-8 when the bytes are valid UTF-8, else Latin-1 (DBLP2.csv is Latin-1). */
export function decodeTable(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

export function readCsv(path: string): Record<string, string>[] {
  return parse(decodeTable(readFileSync(path)), { columns: true, skip_empty_lines: true, relax_quotes: true, trim: true });
}

export function tableEntities(spec: LinkSpec, path: string): LinkEntity[] {
  const table = basename(path, '.csv');
  return readCsv(path).map((row) => {
    const values: Record<string, string[]> = {};
    for (const [name, v] of Object.entries(spec.values)) {
      const column = COLUMN_OF_PATH[v.path];
      if (!column) throw new Error(`no column for path ${v.path}`);
      const cell = row[column] ?? '';
      if (cell !== '') values[name] = [cell];
    }
    return { iri: `urn:table:${table}:${row.id}`, id: row.id, values };
  });
}

/** Precision, recall and F1 of found (id1, id2) pairs against the truth. */
export function score(found: Iterable<[string, string]>, truth: Iterable<[string, string]>) {
  const t = new Set([...truth].map(([a, b]) => `${a}\t${b}`));
  const f = new Set([...found].map(([a, b]) => `${a}\t${b}`));
  let tp = 0;
  for (const k of f) if (t.has(k)) tp++;
  const precision = f.size ? tp / f.size : 0;
  const recall = t.size ? tp / t.size : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, found: f.size, tp };
}
