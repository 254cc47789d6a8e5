/**
 * Facets as people read them: subject and type labels in the request's language (Accept-Language, then
 * English, then any), language codes as names ("de" → "German", or "Deutsch" for a German reader), and
 * years as ranges in year order (1990–1999), each still a filter value (`year=1990-1999`).
 */
import { keyCompactor } from '../../rdf/jsonld-nodes.js';
import type { FacetValue, LangText, SearchAnswer, SearchIndex } from '../../search/port.js';

const compact = keyCompactor();

/** Range widths tried in turn: the first that gives at most MAX_RANGES ranges. */
const WIDTHS = [1, 5, 10, 25, 50, 100, 500, 1000];
const MAX_RANGES = 10;

/** Primary language tags of an Accept-Language header by preference, then English. */
export function preferredLanguages(header: string | undefined): string[] {
  const tags = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 };
    })
    .filter((t) => /^[a-z]{2,3}$/.test(t.tag) && t.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((t) => t.tag);
  return [...new Set([...tags, 'en'])];
}

/** The label in the first of `langs` there is one in, else an untagged one, else any. */
export function pickLabel(labels: LangText[], langs: string[]): string | undefined {
  for (const l of langs) {
    const hit = labels.find((x) => x.lang.toLowerCase().split('-')[0] === l);
    if (hit) return hit.value;
  }
  return (labels.find((x) => x.lang === '') ?? labels[0])?.value;
}

/** "ScholarlyArticle" → "Scholarly article": a class's local name when nothing labels it. */
const humanize = (local: string) => {
  const words = local.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
};

function languageName(code: string, langs: string[]): string | undefined {
  try {
    const name = new Intl.DisplayNames(langs, { type: 'language', fallback: 'none' }).of(code);
    return name && name.toLowerCase() !== code ? name : undefined;
  } catch {
    return undefined; // not a well-formed language tag
  }
}

/** Years as at most MAX_RANGES ranges of a round width, in year order. */
export function yearRanges(years: FacetValue[]): FacetValue[] {
  const ys = years.map((y) => ({ year: Number(y.value), count: y.count })).filter((y) => Number.isInteger(y.year));
  if (ys.length === 0) return [];
  const min = Math.min(...ys.map((y) => y.year));
  const max = Math.max(...ys.map((y) => y.year));
  const width = WIDTHS.find((w) => Math.floor(max / w) - Math.floor(min / w) + 1 <= MAX_RANGES) ?? (WIDTHS.at(-1) as number);
  const buckets = new Map<number, number>();
  for (const y of ys) {
    const start = Math.floor(y.year / width) * width;
    buckets.set(start, (buckets.get(start) ?? 0) + y.count);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, count]) =>
      width === 1 ? { value: String(start), count } : { value: `${start}-${start + width - 1}`, label: `${start}–${start + width - 1}`, count },
    );
}

/** The answer's facets with labels in the reader's languages and the years as ranges. */
export function readableFacets(facets: SearchAnswer['facets'], index: SearchIndex, langs: string[]): SearchAnswer['facets'] {
  const labelOf = (iri: string): string | undefined => {
    const doc = index.get(iri);
    return doc ? pickLabel([...doc.labels, ...doc.altLabels], langs) : undefined;
  };
  const out: SearchAnswer['facets'] = {};
  if (facets.type) {
    const named = facets.type.map((v) => ({ ...v, label: labelOf(v.value) ?? humanize(compact(v.value).replace(/^.*[:/#]/, '')) }));
    // Two vocabularies' classes of one name (foaf:Organization, org:Organization) keep their prefix apart.
    const twice = new Set(named.filter((v, i) => named.findIndex((w) => w.label === v.label) !== i).map((v) => v.label));
    out.type = named.map((v) => (twice.has(v.label) ? { ...v, label: `${v.label} (${compact(v.value).split(':')[0]})` } : v));
  }
  if (facets.lang) out.lang = facets.lang.map((v) => ({ ...v, label: languageName(v.value, langs) ?? v.label ?? v.value }));
  if (facets.subject) out.subject = facets.subject.map((v) => ({ ...v, label: (/^https?:/.test(v.value) && labelOf(v.value)) || v.label || v.value }));
  if (facets.year) out.year = yearRanges(facets.year);
  return out;
}
