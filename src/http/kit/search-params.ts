/** Query parameters of GET /search, checked once into a SearchRequest; anything malformed is a 400 with the reason. */
import { LibkgError } from '../../errors.js';
import { languageCode } from '../../search/documents.js';
import type { FacetField, SearchFilters, SearchRequest, SortOrder } from '../../search/port.js';
import { parseQuery, parseYearRange } from '../../search/query.js';
import { filterIri } from './collections.js';

export const DEFAULT_SIZE = 10;
export const FACETS: FacetField[] = ['type', 'lang', 'year', 'subject'];
const SORTS: SortOrder[] = ['relevance', 'label', 'newest', 'oldest'];

type Raw = Record<string, string | string[] | undefined>;

const many = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '');

function single(q: Raw, name: string): string | undefined {
  const v = q[name];
  if (Array.isArray(v)) throw new LibkgError('BAD_REQUEST', `${name} may be given once`);
  return v;
}

function whole(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min) throw new LibkgError('BAD_REQUEST', `${name} must be a whole number from ${min}, got "${raw.slice(0, 50)}"`);
  return Number(raw);
}

export interface SearchParams {
  request: SearchRequest;
  /** The query string as given ('' for none). */
  q: string;
  page: number;
  /** Whether the client paged with `from` (links then keep using it). */
  byOffset: boolean;
  /** Filter parameters as given, for links. */
  filterPairs: [string, string][];
  format?: string;
  /** `expand=narrower`: subject filters also match the narrower concepts of their thesaurus (SKOS). */
  expandNarrower: boolean;
}

/** Reads and checks the parameters; `maxSize` caps `size`. */
export function searchParams(q: Raw, maxSize: number): SearchParams {
  const text = single(q, 'q') ?? '';
  const parsed = text.trim() === '' || text.trim() === '*' ? { node: undefined, filters: { types: [], langs: [], years: [] } } : parseQuery(text);
  const size = whole('size', single(q, 'size'), 1) ?? DEFAULT_SIZE;
  if (size > maxSize) throw new LibkgError('BAD_REQUEST', `size must be at most ${maxSize}, got ${size}`);
  const pageParam = whole('page', single(q, 'page'), 1);
  const fromParam = whole('from', single(q, 'from'), 0);
  if (pageParam !== undefined && fromParam !== undefined) throw new LibkgError('BAD_REQUEST', 'give either page or from, not both');
  const from = fromParam ?? ((pageParam ?? 1) - 1) * size;
  if (from > 100_000) throw new LibkgError('BAD_REQUEST', `results beyond the first 100000 are not paged; narrow the query (from ${from})`);

  const filterPairs: [string, string][] = [];
  const types: string[] = [];
  for (const t of [...many(q.type), ...parsed.filters.types]) {
    const iri = filterIri(t);
    if (!iri) throw new LibkgError('BAD_REQUEST', `type must be a CURIE (e.g. bibo:Book) or an IRI, got "${t.slice(0, 100)}"`);
    types.push(iri);
  }
  for (const t of many(q.type)) filterPairs.push(['type', t]);
  const langs = [...many(q.lang), ...parsed.filters.langs].map((l) => {
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(l) && !/^https?:\/\//.test(l))
      throw new LibkgError('BAD_REQUEST', `lang must be a language code such as de or ger, got "${l.slice(0, 50)}"`);
    return languageCode(l);
  });
  for (const l of many(q.lang)) filterPairs.push(['lang', l]);
  const subjects = many(q.subject).map((s) => filterIri(s) ?? s);
  for (const s of many(q.subject)) filterPairs.push(['subject', s]);
  const filters: SearchFilters = { types, langs, subjects };
  const yearRaw = single(q, 'year');
  const ranges = [...(yearRaw ? [parseYearRange(yearRaw)] : []), ...parsed.filters.years];
  if (yearRaw) filterPairs.push(['year', yearRaw]);
  for (const r of ranges) {
    if (r.from !== undefined) filters.yearFrom = Math.max(filters.yearFrom ?? r.from, r.from);
    if (r.to !== undefined) filters.yearTo = Math.min(filters.yearTo ?? r.to, r.to);
  }
  const expand = single(q, 'expand');
  if (expand !== undefined && expand !== 'narrower') throw new LibkgError('BAD_REQUEST', `expand must be "narrower", got "${expand.slice(0, 30)}"`);
  if (expand) filterPairs.push(['expand', expand]);
  const format = single(q, 'format');
  const sort = single(q, 'sort') || undefined; // the form's "best match" sends an empty sort
  if (sort !== undefined && !SORTS.includes(sort as SortOrder))
    throw new LibkgError('BAD_REQUEST', `sort must be one of ${SORTS.join(', ')}, got "${sort.slice(0, 30)}"`);
  if (sort) filterPairs.push(['sort', sort]);
  return {
    request: { query: parsed.node, filters, from, size, facets: FACETS, ...(sort ? { sort: sort as SortOrder } : {}) },
    q: text,
    page: Math.floor(from / size) + 1,
    byOffset: fromParam !== undefined,
    filterPairs,
    format,
    expandNarrower: expand === 'narrower',
  };
}
