/**
 * The record shape both usage readers give (COUNTER reports and raw event
 * logs): one record per item, with its monthly counts per COUNTER metric.
 * mappings/counter.yaml addresses it. Aggregates only: no patron, IP or
 * session ever appears here.
 */

/** COUNTER R5 metric types counted from raw events (Code of Practice R5, section 7). */
export const EVENT_METRICS = [
  'Total_Item_Investigations',
  'Unique_Item_Investigations',
  'Total_Item_Requests',
  'Unique_Item_Requests',
  'No_License',
  'Limit_Exceeded',
] as const;

export type EventMetric = (typeof EVENT_METRICS)[number];

export interface UsageIdentifiers {
  doi?: string;
  isbn?: string;
  /** Print ISSN. */
  issn?: string;
  online_issn?: string;
  proprietary?: string;
  uri?: string;
}

export interface UsageItem {
  title?: string;
  identifiers: UsageIdentifiers;
  platform?: string;
  publisher?: string;
  /** COUNTER Data_Type (Book, Journal, Database, Platform, Article, ...) when the item has one. */
  dataType?: string;
  /** The parent of an IR item (journal of an article, book of a chapter). */
  parent?: { title?: string; identifiers: UsageIdentifiers };
}

export interface UsageMonth {
  /** YYYY-MM */
  month: string;
  metrics: Record<string, number>;
}

/** One month × metric count, flattened so the mapping can make one entity per element. */
export interface UsageCount {
  month: string;
  metric: string;
  count: number;
  /** First and last day of the month (YYYY-MM-DD), for libkg:periodStart / periodEnd. */
  start: string;
  end: string;
}

/** `{ start, end }` days of a YYYY-MM month. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

export interface UsageData {
  /** Record-graph family: `counter` for COUNTER reports, `usage` for counts made from event logs. */
  source: 'counter' | 'usage';
  /** Stable item key (see item-key.ts); the usage statistic IRIs are built from it. */
  key: string;
  /** COUNTER Report_ID (TR, TR_J1, IR, ...) or `events` for counts made from a log. */
  reportId: string;
  release?: string;
  item: UsageItem;
  /** The institution the report is for (an organisation; never a person). */
  institution?: { name?: string; id?: string };
  customerId?: string;
  /**
   * The months the source covers (report Begin_Date..End_Date, or a log's first to last
   * month). Part of the record graph's name, so the next month's report adds to the
   * graph store instead of replacing the item's earlier months.
   */
  period: { begin: string; end: string };
  /** Months in ascending order; only months with a count are listed. */
  months: UsageMonth[];
  counts: UsageCount[];
  /** What the item's IRI is made from (item-key.ts linkOf): DOI, else ISBN, else ISSN, else a platform-local key. */
  link: { doi?: string; isbn?: string; issn?: string; local?: string };
}

/**
 * Builds `months` and `counts` from month → metric → count, sorted. Zero counts
 * are left out (COUNTER R5 omits them too): no statistic means no use.
 */
export function monthsAndCounts(byMonth: Map<string, Map<string, number>>): Pick<UsageData, 'months' | 'counts'> {
  const months: UsageMonth[] = [];
  const counts: UsageCount[] = [];
  for (const month of [...byMonth.keys()].sort()) {
    const metrics: Record<string, number> = {};
    const bounds = monthBounds(month);
    for (const [metric, count] of byMonth.get(month) ?? []) {
      if (count === 0) continue;
      metrics[metric] = count;
      counts.push({ month, metric, count, ...bounds });
    }
    if (Object.keys(metrics).length) months.push({ month, metrics });
  }
  return { months, counts };
}
