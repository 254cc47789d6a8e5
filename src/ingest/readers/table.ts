import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { Reader, ReadItem } from '../types.js';

/** The mapping a table is read for when `--mapping` names none. */
export const DEFAULT_TABLE_MAPPING = 'bibliographic-table';

/** UTF-8 when the bytes are valid UTF-8, else Latin-1 (every byte is a Latin-1 character). */
export function decodeTable(bytes: Buffer): { text: string; encoding: 'utf-8' | 'latin1' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('latin1').decode(bytes), encoding: 'latin1' };
  }
}

/** A `;` that closes a character reference (`Garc&#237;a`, left in text by some exports) separates nothing. */
const SEPARATING_SEMICOLON = /(?<!&#?[0-9A-Za-z]+);/;

/** A list cell ("A. Smith, B. Jones" or "Smith, A.; Jones, B."): split on `;` when it has one, else on `,`. */
export const splitList = (cell: string): string[] =>
  cell
    .split(SEPARATING_SEMICOLON.test(cell) ? SEPARATING_SEMICOLON : ',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A table with a header row (CSV), one record per row, for the mapping named by
 * `libkg import --mapping` (default mappings/bibliographic-table.yaml). Never detected by itself:
 * a CSV file is only read as a table when asked to. `data` is the row by column name, each cell
 * also split as a list (`<column>List`: `[{ value }]`), and `table`, the file name without extension (record IRIs
 * are minted from it and the row's id).
 */
export const tableReader: Reader = {
  format: 'table',
  detect: () => false,
  async *read(input: Readable, ctx): AsyncIterable<ReadItem> {
    const chunks: Buffer[] = [];
    for await (const c of input) chunks.push(c as Buffer);
    const { text } = decodeTable(Buffer.concat(chunks));
    const table = basename(ctx.fileName, extname(ctx.fileName.replace(/\.gz$/, '')));
    let rows: Record<string, string>[];
    try {
      rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
    } catch (e) {
      yield { failure: { index: 0, reason: `not a CSV table with a header row: ${(e as Error).message}` } };
      return;
    }
    let index = 0;
    for (const row of rows) {
      index++;
      const lists = Object.fromEntries(Object.entries(row).map(([k, v]) => [`${k}List`, splitList(v ?? '').map((value) => ({ value }))]));
      yield { record: { index, id: row.id, kind: 'catalog', mapping: ctx.mapping ?? DEFAULT_TABLE_MAPPING, data: { ...row, ...lists, table } } };
    }
  },
};
