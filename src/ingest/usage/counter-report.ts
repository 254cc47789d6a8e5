/**
 * COUNTER Release 5 JSON reports (R5.0 and R5.1 layouts; master reports
 * TR/DR/PR/IR and their standard views) to one UsageData per report item.
 *
 * Written by hand: no maintained npm package reads COUNTER R5 JSON, and the
 * two layouts differ only in a few places:
 * - R5.0: `Item_ID` is `[{Type, Value}]`, counts are `Performance[{Period, Instance[{Metric_Type, Count}]}]`,
 *   and attribute combinations (YOP, Access_Type, ...) are separate Report_Items.
 * - R5.1: `Item_ID` is `{DOI, ISBN, ...}`, counts are `Attribute_Performance[{<attributes>, Performance{metric: {YYYY-MM: n}}}]`,
 *   and IR nests the items under their parent (`Items[]`).
 *
 * Counts of one item are summed over its attribute combinations (YOP,
 * Access_Type, Data_Type, Section_Type), so one item has one count per month
 * and metric. Text-and-data-mining rows (Access_Method TDM) are left out, as in
 * COUNTER's standard views, so machine use does not inflate human use.
 */
import { connectedGroups } from '../../connected-groups.js';
import { cleanDoi, cleanIsbn, cleanIssn, itemKey, linkOf } from './item-key.js';
import { monthsAndCounts, type UsageData, type UsageIdentifiers, type UsageItem } from './types.js';

type Json = Record<string, unknown>;

export interface CounterException {
  code: string;
  severity?: string;
  message: string;
  data?: string;
}

export interface CounterReport {
  reportId?: string;
  release?: string;
  createdBy?: string;
  /** One per item (items repeated for attribute combinations are merged), with its position in Report_Items. */
  items: { index: number; data: UsageData }[];
  /** Items that could not be read, with the reason. */
  failures: { index: number; id?: string; reason: string }[];
  exceptions: CounterException[];
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** `[{Type, Value}]` (R5.0) or `{Type: value | [values]}` (R5.1) as Type → first value. */
function idPairs(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const put = (type: unknown, value: unknown) => {
    const t = str(type);
    const s = str(value);
    if (t && s && !out.has(t)) out.set(t, s);
  };
  if (Array.isArray(v)) for (const e of v) if (isObj(e)) put(e.Type, e.Value);
  if (isObj(v)) for (const [t, val] of Object.entries(v)) put(t, arr(val)[0]);
  return out;
}

function identifiers(v: unknown): UsageIdentifiers {
  const ids = idPairs(v);
  const out: UsageIdentifiers = {};
  const doi = ids.get('DOI') && cleanDoi(ids.get('DOI') as string);
  const isbn = ids.get('ISBN') && cleanIsbn(ids.get('ISBN') as string);
  const issn = ids.get('Print_ISSN') && cleanIssn(ids.get('Print_ISSN') as string);
  const eissn = ids.get('Online_ISSN') && cleanIssn(ids.get('Online_ISSN') as string);
  if (doi) out.doi = doi;
  if (isbn) out.isbn = isbn;
  if (issn) out.issn = issn;
  if (eissn) out.online_issn = eissn;
  const prop = ids.get('Proprietary') ?? ids.get('Proprietary_ID');
  if (prop) out.proprietary = prop;
  const uri = ids.get('URI');
  if (uri) out.uri = uri;
  return out;
}

/** Exceptions in a report header, a bare SUSHI error, or Celus' `{body: null, response}` wrapper. */
function exceptionsOf(v: unknown): CounterException[] {
  const out: CounterException[] = [];
  for (const e of arr(v)) {
    if (!isObj(e)) continue;
    const code = str(e.Code ?? e.number ?? e.code);
    const message = str(e.Message ?? e.message);
    if (code === undefined && message === undefined) continue;
    const severity = str(e.Severity ?? e.severity);
    const data = str(e.Data ?? e.data);
    out.push({ code: code ?? '?', message: message ?? '', ...(severity ? { severity } : {}), ...(data ? { data } : {}) });
  }
  return out;
}

export const describeException = (e: CounterException) =>
  `COUNTER exception ${e.code}${e.severity ? ` (${e.severity})` : ''}: ${e.message}${e.data ? ` — ${e.data}` : ''}`;

const MONTH = /^(\d{4})-(\d{2})(-\d{2})?$/;

/** Report_Filters value by name: `[{Name, Value}]` (R5.0) or `{Name: value}` (R5.1). */
function filterValue(filters: unknown, name: string): string | undefined {
  if (Array.isArray(filters)) for (const f of filters) if (isObj(f) && f.Name === name) return str(f.Value);
  if (isObj(filters)) return str(arr(filters[name])[0]);
  return undefined;
}

const monthOfDate = (d: string | undefined) => {
  const m = d ? MONTH.exec(d) : null;
  return m ? `${m[1]}-${m[2]}` : undefined;
};

/** Adds one attribute row's counts: metric → month → count. Throws on a period that is not one month. */
type Counts = Map<string, Map<string, number>>;
function add(counts: Counts, month: string, metric: string, n: unknown) {
  const c = typeof n === 'number' ? n : Number(n);
  if (!Number.isFinite(c)) throw new Error(`count of ${metric} in ${month} is not a number: ${JSON.stringify(n)}`);
  let m = counts.get(month);
  if (!m) counts.set(month, (m = new Map()));
  m.set(metric, (m.get(metric) ?? 0) + c);
}

function monthOfPeriod(period: unknown): string {
  const b = isObj(period) ? str(period.Begin_Date) : undefined;
  const e = isObj(period) ? str(period.End_Date) : undefined;
  const mb = b ? MONTH.exec(b) : null;
  const me = e ? MONTH.exec(e) : null;
  if (!mb || (me && `${me[1]}-${me[2]}` !== `${mb[1]}-${mb[2]}`)) throw new Error(`period ${b}..${e} is not one month (monthly granularity needed)`);
  return `${mb[1]}-${mb[2]}`;
}

const isTdm = (row: Json) => str(row.Access_Method)?.toUpperCase() === 'TDM';

/** R5.0 `Performance` list. */
function addR50(counts: Counts, row: Json) {
  for (const p of arr(row.Performance)) {
    if (!isObj(p)) continue;
    const month = monthOfPeriod(p.Period);
    for (const inst of arr(p.Instance)) if (isObj(inst) && str(inst.Metric_Type)) add(counts, month, str(inst.Metric_Type) as string, inst.Count);
  }
}

/** R5.1 `Attribute_Performance` list; returns the data types seen. */
function addR51(counts: Counts, item: Json, dataTypes: Set<string>) {
  for (const ap of arr(item.Attribute_Performance)) {
    if (!isObj(ap) || isTdm(ap)) continue;
    const dt = str(ap.Data_Type);
    if (dt) dataTypes.add(dt);
    if (!isObj(ap.Performance)) continue;
    for (const [metric, byMonth] of Object.entries(ap.Performance)) {
      if (!isObj(byMonth)) continue;
      for (const [m, n] of Object.entries(byMonth)) {
        const mm = MONTH.exec(m);
        if (!mm) throw new Error(`"${m}" in ${metric} is not a month (monthly granularity needed)`);
        add(counts, `${mm[1]}-${mm[2]}`, metric, n);
      }
    }
  }
}

interface Entry {
  index: number;
  item: UsageItem;
  row: Json;
}

/**
 * Groups the rows that describe one item. A title repeated for attribute
 * combinations does not always repeat the same identifiers (SpringerNature
 * gives the DOI on some YOP rows only), so rows on one platform that share any
 * identifier, or have none and share the title, are one item (union-find).
 */
function sameItemGroups(entries: Entry[]): Entry[][] {
  return connectedGroups(entries, (e) => {
    const platform = e.item.platform ?? '';
    const ids = Object.entries(e.item.identifiers);
    return ids.length ? ids.map(([t, v]) => `${platform}\u0000${t}\u0000${v}`) : [`${platform}\u0000title\u0000${e.item.title ?? ''}`];
  });
}

/** One item from the rows of a group: the first value of each field, identifiers unioned. */
function mergeItems(items: UsageItem[]): UsageItem {
  const out: UsageItem = { ...(items[0] as UsageItem), identifiers: {} };
  for (const it of items) {
    for (const [t, v] of Object.entries(it.identifiers) as [keyof UsageIdentifiers, string][]) out.identifiers[t] ??= v;
    out.title ??= it.title;
    out.platform ??= it.platform;
    out.publisher ??= it.publisher;
    out.parent ??= it.parent;
  }
  for (const k of ['title', 'platform', 'publisher', 'parent'] as const) if (out[k] === undefined) delete out[k];
  return out;
}

/** Reads a parsed COUNTER JSON document. Throws when it is not a COUNTER report at all. */
export function readCounterReport(doc: unknown): CounterReport {
  // Celus stores harvested responses as { body: <report>, response: <HTTP info> }.
  if (isObj(doc) && 'body' in doc && 'response' in doc && !('Report_Header' in doc)) {
    if (doc.body === null || doc.body === undefined) {
      const exceptions = exceptionsOf(doc.response);
      if (!exceptions.length) throw new Error('empty SUSHI response (body is null, no exception)');
      return { items: [], failures: [], exceptions };
    }
    doc = doc.body;
  }
  if (!isObj(doc) || !isObj(doc.Report_Header)) {
    const exceptions = exceptionsOf(isObj(doc) && 'Exception' in doc ? doc.Exception : doc);
    if (exceptions.length) return { items: [], failures: [], exceptions };
    throw new Error('not a COUNTER R5 report: no Report_Header');
  }
  const h = doc.Report_Header;
  const reportId = str(h.Report_ID) ?? 'unknown';
  const release = str(h.Release);
  const exceptions = exceptionsOf(h.Exceptions ?? h.Exception);
  const instIds = idPairs(h.Institution_ID);
  const firstInst = [...instIds][0];
  const institution = {
    ...(str(h.Institution_Name) ? { name: str(h.Institution_Name) } : {}),
    ...(firstInst ? { id: `${firstInst[0]}:${firstInst[1]}` } : {}),
  };
  const customerId = str(h.Customer_ID);

  const failures: CounterReport['failures'] = [];
  const entries: Entry[] = [];
  const collect = (row: Json, index: number, parent?: Json) => {
    const item: UsageItem = { identifiers: identifiers(row.Item_ID) };
    const title = str(row.Item) ?? str(row.Title) ?? str(row.Database);
    if (title) item.title = title;
    const platform = str(row.Platform) ?? str(parent?.Platform);
    if (platform) item.platform = platform;
    const publisher = str(row.Publisher) ?? str(parent?.Publisher);
    if (publisher) item.publisher = publisher;
    const p50 = isObj(row.Item_Parent) ? row.Item_Parent : undefined;
    const par = p50 ? { title: str(p50.Item_Name), ids: p50.Item_ID } : parent ? { title: str(parent.Title), ids: parent.Item_ID } : undefined;
    const parIds = par && identifiers(par.ids);
    // An R5.1 IR_A1 article outside any journal sits under an empty parent entry: no parent.
    if (par && parIds && (par.title || Object.keys(parIds).length)) item.parent = { ...(par.title ? { title: par.title } : {}), identifiers: parIds };
    entries.push({ index, item, row });
  };
  for (const [i, entry] of arr(doc.Report_Items).entries()) {
    if (!isObj(entry)) failures.push({ index: i + 1, reason: `report item ${i + 1} is not an object` });
    else if (Array.isArray(entry.Items)) for (const sub of entry.Items) isObj(sub) && collect(sub, i + 1, entry);
    else collect(entry, i + 1);
  }

  const items: CounterReport['items'] = [];
  const begin = monthOfDate(filterValue(h.Report_Filters, 'Begin_Date'));
  const end = monthOfDate(filterValue(h.Report_Filters, 'End_Date'));
  for (const group of sameItemGroups(entries)) {
    const item = mergeItems(group.map((e) => e.item));
    const key = itemKey(reportId, item);
    const index = (group[0] as Entry).index;
    const counts: Counts = new Map();
    const dataTypes = new Set<string>();
    try {
      for (const { row } of group) {
        if ('Attribute_Performance' in row) addR51(counts, row, dataTypes);
        else if (!isTdm(row)) {
          const dt = str(row.Data_Type);
          if (dt) dataTypes.add(dt);
          addR50(counts, row);
        }
      }
    } catch (e) {
      failures.push({ index, id: key, reason: `report item ${index}: ${(e as Error).message}` });
      continue;
    }
    if (dataTypes.size === 1) item.dataType = [...dataTypes][0] as string;
    const { months, counts: flat } = monthsAndCounts(counts);
    items.push({
      index,
      data: {
        source: 'counter',
        key,
        reportId,
        ...(release ? { release } : {}),
        item,
        ...(Object.keys(institution).length ? { institution } : {}),
        ...(customerId ? { customerId } : {}),
        period: { begin: '', end: '' },
        months,
        counts: flat,
        link: linkOf(item),
      },
    });
  }
  // Without Begin_Date/End_Date filters, the report covers the months it has counts for.
  const allMonths = items.flatMap((i) => i.data.months.map((m) => m.month)).sort();
  for (const { data } of items) data.period = { begin: begin ?? allMonths[0] ?? '', end: end ?? allMonths[allMonths.length - 1] ?? '' };
  return { reportId, ...(release ? { release } : {}), ...(str(h.Created_By) ? { createdBy: str(h.Created_By) } : {}), items, failures, exceptions };
}
