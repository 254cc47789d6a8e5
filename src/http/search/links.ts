import type { SearchParams } from '../kit/search-params.js';

/** Links between result pages and facet refinements, keeping every other parameter. */
export class SearchLinks {
  constructor(
    private readonly endpoint: string,
    private readonly p: SearchParams,
    private readonly sizeGiven: boolean,
  ) {}

  private url(pairs: [string, string][]): string {
    const s = new URLSearchParams(pairs).toString();
    return s ? `${this.endpoint}?${s}` : this.endpoint;
  }

  private base(extra: [string, string][] = []): [string, string][] {
    const pairs: [string, string][] = [];
    if (this.p.q) pairs.push(['q', this.p.q]);
    pairs.push(...this.p.filterPairs, ...extra);
    if (this.sizeGiven) pairs.push(['size', String(this.p.request.size)]);
    return pairs;
  }

  /** The result set itself (no page). */
  collection(): string {
    return this.url(this.base());
  }

  /** Page `n` (from 1) of the same results. */
  page(n: number): string {
    const pairs = this.base();
    if (this.p.byOffset) pairs.push(['from', String((n - 1) * this.p.request.size)]);
    else if (n > 1) pairs.push(['page', String(n)]);
    return this.url(pairs);
  }

  /** The first page with one more filter. */
  refine(name: string, value: string): string {
    return this.url(this.base([[name, value]]));
  }

  /** The first page of another query text, with the same filters ("did you mean"). */
  query(q: string): string {
    const pairs = this.base().filter(([k]) => k !== 'q');
    return this.url([['q', q], ...pairs]);
  }

  /** The first page without one filter value. */
  without(name: string, value: string): string {
    const pairs = this.base().filter(([k, v]) => !(k === name && v === value));
    return this.url(pairs);
  }
}
