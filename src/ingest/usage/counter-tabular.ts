/**
 * COUNTER Release 5 / 5.1 tabular reports (TSV or CSV) as the JSON document
 * `readCounterReport` reads, so both forms share one model and one mapping.
 *
 * The tabular form (Code of Practice §3.2 and R5.1 §3.2): a header block of
 * `Name<TAB>value` rows (Report_Name first), a blank row, a column-heading row,
 * then one row per item × metric (× attribute combination) with one column
 * per month after Reporting_Period_Total (or only the total when the report
 * excludes monthly details). Each row becomes one R5.0-shaped Report_Item
 * (`Item_ID[{Type, Value}]`, `Performance[{Period, Instance}]`); the JSON
 * reader then merges the rows of one item as it merges R5.0 attribute rows.
 *
 * Cells are split by csv-parse. The layout on top of it is written here: no
 * npm package reads COUNTER's header block and month columns.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

type Json = Record<string, unknown>;

/** A problem that rejects the whole report: line of the file (from 1) and why. */
export interface TabularProblem {
  line: number;
  reason: string;
}

export type TabularReport = { doc: Json; lines: number[] } | { problems: TabularProblem[] };

/** True when the first cell of the text is `Report_Name` (after a BOM and an optional quote). */
export const looksLikeCounterTabular = (head: string) => /^\uFEFF?"?Report_Name"?[\t,;]/.test(head);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `Jan-2016` (the Code of Practice), also `Jan 2016` and `2016-01`, as `2016-01`. */
export function monthOfHeading(h: string): string | undefined {
  const named = /^([A-Za-z]{3})[a-z]*[- ](\d{4})$/.exec(h);
  if (named) {
    const i = MONTHS.indexOf((named[1] as string).toLowerCase());
    return i < 0 ? undefined : `${named[2]}-${String(i + 1).padStart(2, '0')}`;
  }
  const iso = /^(\d{4})-(\d{2})$/.exec(h);
  return iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12 ? h : undefined;
}

/** Item_ID columns and their JSON Type; `Parent_` + the same name for the parent. */
const ID_COLUMNS: [string, string][] = [
  ['DOI', 'DOI'],
  ['Proprietary_ID', 'Proprietary'],
  ['ISBN', 'ISBN'],
  ['Print_ISSN', 'Print_ISSN'],
  ['Online_ISSN', 'Online_ISSN'],
  ['URI', 'URI'],
];

/** `Name=value; Name=value` (Report_Filters, Reporting_Period) as `[{Name, Value}]`. */
const nameValues = (s: string | undefined) =>
  (s ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.includes('='))
    .map((p) => ({ Name: p.slice(0, p.indexOf('=')).trim(), Value: p.slice(p.indexOf('=') + 1).trim() }));

/** `ISNI:1234; Proprietary:pub:42` as `[{Type, Value}]` (split at the first colon). */
const typedIds = (s: string | undefined) =>
  (s ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.includes(':'))
    .map((p) => ({ Type: p.slice(0, p.indexOf(':')), Value: p.slice(p.indexOf(':') + 1) }));

/** `3030: No Usage Available for Requested Dates (data)`, several joined by `; `. */
const exceptions = (s: string | undefined) =>
  (s ?? '')
    .split(/;\s*(?=\d{4}\s*:)/)
    .map((p) => /^(\d+)\s*:\s*(.*?)(?:\s*\((.*)\))?$/.exec(p.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ Code: m[1], Message: m[2], ...(m[3] ? { Data: m[3] } : {}) }));

const delimiterOf = (firstLine: string) => (firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',');

interface Row {
  line: number;
  cells: string[];
}

/**
 * The rows of a CSV/TSV stream, with their line numbers. The delimiter comes
 * from the first line. Tab-separated exports are seldom quoted and a title may
 * start with a quote, so TSV reads quotes as text; CSV follows RFC 4180.
 */
async function* rowsOf(input: AsyncIterable<Buffer | string>): AsyncGenerator<Row> {
  const it = input[Symbol.asyncIterator]();
  const buffered: Buffer[] = [];
  let seen = '';
  while (!/[\r\n]/.test(seen)) {
    const next = await it.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    buffered.push(chunk);
    seen += chunk.toString('utf8');
  }
  const delimiter = delimiterOf(seen.split(/\r?\n/, 1)[0] ?? '');
  const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, info: true, ...(delimiter === '\t' ? { quote: false } : {}) });
  const rest = async function* () {
    yield* buffered;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  };
  Readable.from(rest()).pipe(parser);
  // With `info: true` csv-parse gives each record with its position; its stream typings do not say so.
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: info.lines, cells: record.map((c) => c.trim()) };
  }
}

const blank = (r: Row) => r.cells.every((c) => c === '');

/** Reads one tabular report. Problems reject the whole report (nothing of it is written). */
export async function readCounterTabular(input: AsyncIterable<Buffer | string>): Promise<TabularReport> {
  const problems: TabularProblem[] = [];
  const header = new Map<string, string>();
  let headings: Row | undefined;
  let first = true;
  let afterHeader = false;
  let table: ReturnType<typeof tableOf> | undefined;
  try {
    for await (const row of rowsOf(input)) {
      if (first) {
        first = false;
        if (row.cells[0] !== 'Report_Name') {
          return { problems: [{ line: row.line, reason: `no COUNTER header block: the first cell is "${row.cells[0] ?? ''}", expected Report_Name` }] };
        }
      }
      if (table) {
        if (!blank(row)) table.add(row);
        continue;
      }
      // Header block: Name/value rows up to the first blank row (or the column headings, if the blank row is missing).
      if (blank(row)) {
        afterHeader = true;
        continue;
      }
      if (!afterHeader && !row.cells.includes('Metric_Type')) {
        const [name, value] = row.cells;
        if (name) header.set(name, value ?? '');
        continue;
      }
      headings = row;
      if (!row.cells.includes('Metric_Type')) {
        problems.push({ line: row.line, reason: `no Metric_Type in the column headings after the header block (first heading "${row.cells[0]}")` });
        break;
      }
      table = tableOf(header, headings, problems);
    }
  } catch (e) {
    return { problems: [{ line: (e as { lines?: number }).lines ?? 1, reason: `not readable as CSV/TSV: ${(e as Error).message}` }] };
  }
  if (first) return { problems: [{ line: 1, reason: 'empty file: no COUNTER header block' }] };
  for (const name of ['Report_ID', 'Release', 'Reporting_Period']) {
    if (!header.get(name)) problems.unshift({ line: 1, reason: `header block has no ${name}` });
  }
  if (!table && !headings) {
    // A report with only exceptions (e.g. 3030) may have no table: an empty report, not a broken one.
    if (!problems.length && header.get('Exceptions')) return { doc: docOf(header, []), lines: [] };
    problems.push({ line: 1, reason: 'no column headings after the header block' });
  }
  if (problems.length || !table) return { problems };
  return { doc: docOf(header, table.finish()), lines: table.lines };
}

/** The table after the headings: each row becomes an R5.0 Report_Item; problems are collected. */
function tableOf(header: Map<string, string>, headings: Row, problems: TabularProblem[]) {
  const names = headings.cells;
  const index = new Map(names.map((n, i) => [n, i] as const));
  const col = (row: Row, name: string) => {
    const i = index.get(name);
    return i === undefined ? undefined : row.cells[i] || undefined;
  };
  const metricCol = index.get('Metric_Type') ?? -1;
  const totalCol = index.get('Reporting_Period_Total') ?? -1;
  const period = nameValues(header.get('Reporting_Period'));
  const begin = period.find((p) => p.Name === 'Begin_Date')?.Value.slice(0, 7);
  const end = period.find((p) => p.Name === 'End_Date')?.Value.slice(0, 7);
  // Count columns: the months after Reporting_Period_Total; with totals only, a one-month period is that month.
  const countCols: { i: number; month: string }[] = [];
  for (let i = Math.max(metricCol, totalCol) + 1; i < names.length; i++) {
    const h = names[i] as string;
    if (h === '') continue;
    const month = monthOfHeading(h);
    if (month) countCols.push({ i, month });
    else problems.push({ line: headings.line, reason: `column ${i + 1} "${h}" is not a month (expected e.g. Jan-2022)` });
  }
  if (!countCols.length && totalCol >= 0) {
    if (begin && begin === end) countCols.push({ i: totalCol, month: begin });
    else problems.push({ line: headings.line, reason: `only Reporting_Period_Total over ${begin}..${end}, no month columns: monthly details are needed` });
  }
  if (!countCols.length && !problems.length) problems.push({ line: headings.line, reason: 'no month columns' });

  const items: Json[] = [];
  const lines: number[] = [];
  let lastKey: string | undefined;
  let lastByMonth: Map<string, Json[]> | undefined;
  // Each item's counts by month, filled while its rows come; Performance is set once the table is read.
  const months: Map<string, Json[]>[] = [];
  const add = (row: Row) => {
    const metric = col(row, 'Metric_Type');
    if (!metric) {
      problems.push({ line: row.line, reason: 'no Metric_Type' });
      return;
    }
    // Rows of one item (same cells before Metric_Type) follow each other: one Report_Item with an Instance per metric, as in R5.0 JSON.
    const key = row.cells.slice(0, metricCol).join('\u0000');
    const same = key === lastKey;
    const byMonth: Map<string, Json[]> = same && lastByMonth ? lastByMonth : new Map();
    for (const { i, month } of countCols) {
      const cell = row.cells[i] ?? '';
      // Blank cells are zero (some providers leave months without use empty); zeros state no use and are left out, as the JSON reader does.
      if (cell === '' || cell === '0') continue;
      if (!/^\d+$/.test(cell)) {
        problems.push({ line: row.line, reason: `${names[i]} count of ${metric} is not a whole number: "${cell}"` });
        continue;
      }
      const instances = byMonth.get(month);
      if (instances) instances.push({ Metric_Type: metric, Count: Number(cell) });
      else byMonth.set(month, [{ Metric_Type: metric, Count: Number(cell) }]);
    }
    // Once the report is rejected, its items are not needed.
    if (problems.length || same) return;
    lastKey = key;
    lastByMonth = byMonth;
    const ids = (prefix: string) => ID_COLUMNS.flatMap(([c, type]) => (col(row, prefix + c) ? [{ Type: type, Value: col(row, prefix + c) }] : []));
    const parentIds = ids('Parent_');
    const parentTitle = col(row, 'Parent_Title');
    const item: Json = { Item_ID: ids('') };
    months.push(byMonth);
    for (const name of ['Title', 'Item', 'Database', 'Platform', 'Publisher', 'Data_Type', 'Access_Method']) {
      const v = col(row, name);
      if (v) item[name] = v;
    }
    if (parentTitle || parentIds.length) item.Item_Parent = { ...(parentTitle ? { Item_Name: parentTitle } : {}), Item_ID: parentIds };
    items.push(item);
    lines.push(row.line);
  };
  const finish = () => {
    items.forEach((item, i) => {
      item.Performance = [...(months[i] ?? [])].map(([month, Instance]) => ({ Period: { Begin_Date: `${month}-01`, End_Date: `${month}-01` }, Instance }));
    });
    months.length = 0;
    return items;
  };
  return { lines, add, finish };
}

/** The Report_Header and Report_Items of the R5.0 JSON layout. */
function docOf(header: Map<string, string>, items: Json[]): Json {
  const filters = [...nameValues(header.get('Reporting_Period')), ...nameValues(header.get('Report_Filters'))];
  const h: Json = { Report_Filters: filters, Institution_ID: typedIds(header.get('Institution_ID')), Exceptions: exceptions(header.get('Exceptions')) };
  for (const name of ['Report_Name', 'Report_ID', 'Release', 'Institution_Name', 'Customer_ID', 'Created', 'Created_By']) {
    const v = header.get(name);
    if (v) h[name] = v;
  }
  return { Report_Header: h, Report_Items: items };
}
