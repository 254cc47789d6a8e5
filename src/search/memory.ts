/**
 * The search index in memory: the same port as the SQLite adapter, matching
 * the same query trees over the same column texts (merge.ts), with a plain
 * weighted term count for ranking. For tests, small embedded uses, and as the
 * second adapter that keeps the port honest (test/search/index-contract.test.ts).
 */
import { LibkgError } from '../errors.js';
import { COLUMNS, ID_LIKE, WEIGHTS } from './fts-expression.js';
import { identifierForms } from './identifiers.js';
import { columnTexts, displayLabel, mergeDocs } from './merge.js';
import { type FacetField, type FacetValue, type SearchAnswer, type SearchDoc, type SearchIndex, type SearchRequest, YEAR_FACET_VALUES } from './port.js';
import type { Field, QueryNode } from './query.js';
import { foldLabel, germanSpelling, spaceCjk } from './text.js';
import { editDistance, hasVariants, type VocabularyWord, withTypos } from './typos.js';

/** Score factor of matches through typo variants only (they rank after every exact match, as in sqlite.ts). */
const TYPO_WEIGHT = 0.1;

/** As FTS5's unicode61 tokenizer with remove_diacritics 2 reads text: letters and digits, case and marks folded. */
function tokens(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const FIELD_COLUMNS: Record<Field, number[]> = { title: [0, 1], contributor: [2], subject: [3], id: [4] };
const ALL_COLUMNS = COLUMNS.map((_, i) => i);

interface Entity {
  id: number;
  doc: SearchDoc;
  sort: string;
  year?: number;
  columns: string[][];
}

/** How often a phrase (consecutive tokens; the last one a prefix when asked) occurs in a token list. */
function occurrences(list: string[], phrase: string[], prefix: boolean): number {
  let n = 0;
  for (let i = 0; i + phrase.length <= list.length; i++) {
    let ok = true;
    for (let j = 0; j < phrase.length && ok; j++) {
      const t = list[i + j] as string;
      const want = phrase[j] as string;
      ok = prefix && j === phrase.length - 1 ? t.startsWith(want) : t === want;
    }
    if (ok) n++;
  }
  return n;
}

const negativeOnly = () =>
  new LibkgError('BAD_REQUEST', 'a query needs at least one term that is not negated: NOT and - can only exclude from other terms (e.g. goethe -faust)');

export class MemorySearchIndex implements SearchIndex {
  private readonly parts = new Map<string, Map<string, SearchDoc>>();
  private readonly entities = new Map<string, Entity>();
  private nextId = 1;
  private seq = 0;
  /** Word → entities holding it, made on first use after a change. */
  private vocabulary?: Map<string, number>;

  applyGraph(graph: string, docs: SearchDoc[]): void {
    const old = this.parts.get(graph) ?? new Map<string, SearchDoc>();
    const next = new Map(docs.map((d) => [d.iri, structuredClone(d)]));
    if (next.size) this.parts.set(graph, next);
    else this.parts.delete(graph);
    for (const iri of new Set([...old.keys(), ...next.keys()])) this.rebuild(iri);
  }

  putGraphParts(graph: string, docs: SearchDoc[]): void {
    let parts = this.parts.get(graph);
    if (!parts) this.parts.set(graph, (parts = new Map()));
    for (const d of docs) parts.set(d.iri, structuredClone(d));
    for (const d of docs) this.rebuild(d.iri);
  }

  endGraphParts(graph: string, keep: ReadonlySet<string>, max: number): boolean {
    const parts = this.parts.get(graph);
    if (!parts) return true;
    const stale = [...parts.keys()].filter((iri) => !keep.has(iri)).slice(0, max);
    for (const iri of stale) parts.delete(iri);
    if (parts.size === 0) this.parts.delete(graph);
    for (const iri of stale) this.rebuild(iri);
    return [...parts.keys()].every((iri) => keep.has(iri));
  }

  private rebuild(iri: string): void {
    this.vocabulary = undefined;
    const parts = [...this.parts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, m]) => m.get(iri) ?? []);
    const existing = this.entities.get(iri);
    if (parts.length === 0) {
      this.entities.delete(iri);
      return;
    }
    const doc = mergeDocs(parts);
    this.entities.set(iri, {
      id: existing?.id ?? this.nextId++,
      doc,
      sort: foldLabel(displayLabel(doc)),
      ...(doc.years.length ? { year: Math.min(...doc.years) } : {}),
      columns: columnTexts(doc).map(tokens),
    });
  }

  setLastSeq(seq: number): void {
    this.seq = seq;
  }

  lastSeq(): number {
    return this.seq;
  }

  /** All or nothing, like a transaction: the state is copied and put back when `fn` throws. */
  batch<T>(fn: () => T): T {
    const parts = new Map([...this.parts].map(([g, m]) => [g, new Map(m)]));
    const entities = new Map(this.entities);
    const { nextId, seq } = this;
    try {
      return fn();
    } catch (e) {
      this.vocabulary = undefined;
      this.parts.clear();
      for (const [g, m] of parts) this.parts.set(g, m);
      this.entities.clear();
      for (const [k, v] of entities) this.entities.set(k, v);
      this.nextId = nextId;
      this.seq = seq;
      throw e;
    }
  }

  similarTerms(word: string, maxEdits: number): VocabularyWord[] {
    if (!this.vocabulary) {
      this.vocabulary = new Map();
      for (const e of this.entities.values()) for (const t of new Set(e.columns.flat())) this.vocabulary.set(t, (this.vocabulary.get(t) ?? 0) + 1);
    }
    const first = String.fromCodePoint(word.codePointAt(0) ?? 0);
    const out: VocabularyWord[] = [];
    for (const [term, docs] of this.vocabulary) if (term.startsWith(first) && editDistance(word, term, maxEdits) <= maxEdits) out.push({ term, docs });
    return out;
  }

  /** The score of an entity for a query tree (weighted occurrences, typo variants when `typos`), or undefined when it does not match. */
  private score(node: QueryNode, e: Entity, typos = false): number | undefined {
    switch (node.kind) {
      case 'term': {
        const cols = node.field ? FIELD_COLUMNS[node.field] : ALL_COLUMNS;
        const alts: [string[], number[]][] = [node.text, germanSpelling(node.text), ...(typos ? (node.variants ?? []) : [])]
          .filter((s): s is string => !!s)
          .map((s) => [tokens(spaceCjk(s.replace(/\p{Cc}/gu, ' '))), cols]);
        if (node.field === 'id' || (!node.field && ID_LIKE.test(node.text))) {
          for (const form of identifierForms(node.text)) if (form !== node.text.toLowerCase()) alts.push([[form], [4]]);
        }
        let total = 0;
        for (const [phrase, columns] of alts) {
          if (phrase.length === 0) continue;
          for (const c of columns) total += (WEIGHTS[c] as number) * occurrences(e.columns[c] as string[], phrase, node.prefix);
        }
        return total > 0 ? total : undefined;
      }
      case 'not':
        throw negativeOnly();
      case 'or': {
        const scores = node.children.map((c) => this.score(c, e, typos)).filter((s): s is number => s !== undefined);
        return scores.length ? scores.reduce((a, b) => a + b, 0) : undefined;
      }
      case 'and': {
        let total = 0;
        let positives = 0;
        for (const c of node.children) {
          if (c.kind === 'not') {
            if (this.score(c.child, e) !== undefined) return undefined;
            continue;
          }
          positives++;
          const s = this.score(c, e, typos);
          if (s === undefined) return undefined;
          total += s;
        }
        if (positives === 0) throw negativeOnly();
        return total;
      }
    }
  }

  search(req: SearchRequest): SearchAnswer {
    const f = req.filters ?? {};
    const hasFacet = (e: Entity, field: FacetField, values: string[] | undefined) =>
      !values?.length || facetValues(e, field).some((v) => values.includes(v.value));
    let query = req.query;
    let corrections: SearchAnswer['corrections'] = [];
    if (query && req.typos !== false) ({ node: query, corrections } = withTypos(query, (w, k) => this.similarTerms(w, k)));
    const typos = query !== undefined && hasVariants(query);
    const named = new Set(req.named ?? []);
    const concepts = new Set(req.concepts ?? []);
    const matched: { e: Entity; score: number; tier: number }[] = [];
    for (const e of this.entities.values()) {
      if (!hasFacet(e, 'type', f.types) || !hasFacet(e, 'lang', f.langs) || !hasFacet(e, 'subject', f.subjects)) continue;
      if (f.iriPrefix && !e.doc.iri.startsWith(f.iriPrefix)) continue;
      if (f.yearFrom !== undefined && (e.year === undefined || e.year < f.yearFrom)) continue;
      if (f.yearTo !== undefined && (e.year === undefined || e.year > f.yearTo)) continue;
      const score = query ? this.score(query, e) : 0;
      const near = score === undefined && query && typos ? this.score(query, e, true) : undefined;
      if (score !== undefined) matched.push({ e, score, tier: named.has(e.doc.iri) ? -1 : 0 });
      else if (near !== undefined) matched.push({ e, score: near * TYPO_WEIGHT, tier: named.has(e.doc.iri) ? -1 : 1 });
      else if (query && e.doc.subjects.some((s) => concepts.has(s.iri ?? s.label))) matched.push({ e, score: 0.001, tier: named.has(e.doc.iri) ? -1 : 2 });
    }
    const byLabel = (a: { e: Entity }, b: { e: Entity }) => (a.e.sort < b.e.sort ? -1 : a.e.sort > b.e.sort ? 1 : a.e.id - b.e.id);
    type Match = { e: Entity; score: number; tier: number };
    const byScore = (a: Match, b: Match) => a.tier - b.tier || b.score - a.score || byLabel(a, b);
    const base = req.query && req.sort !== 'label' ? byScore : byLabel;
    const byYear = (dir: 1 | -1) => (a: Match, b: Match) => {
      if (a.e.year === undefined || b.e.year === undefined) return (a.e.year === undefined ? 1 : 0) - (b.e.year === undefined ? 1 : 0) || base(a, b);
      return dir * (a.e.year - b.e.year) || base(a, b);
    };
    matched.sort(req.sort === 'newest' ? byYear(-1) : req.sort === 'oldest' ? byYear(1) : base);
    const facets: SearchAnswer['facets'] = {};
    for (const field of req.facets ?? []) {
      const counts = new Map<string, FacetValue>();
      for (const { e } of matched) {
        for (const v of facetValues(e, field)) {
          const c = counts.get(v.value);
          if (c) c.count++;
          else counts.set(v.value, { ...v, count: 1 });
        }
      }
      const order = (a: FacetValue, b: FacetValue) =>
        b.count - a.count || (field === 'year' ? Number(b.value) - Number(a.value) : a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
      // Every year, in year order (as sqlite.ts): the HTTP layer groups them into ranges.
      facets[field] =
        field === 'year'
          ? [...counts.values()].sort((a, b) => Number(a.value) - Number(b.value)).slice(0, YEAR_FACET_VALUES)
          : [...counts.values()].sort(order).slice(0, req.facetSize ?? 20);
    }
    return {
      total: matched.length,
      hits: matched.slice(req.from, req.from + req.size).map(({ e, score }) => ({ doc: structuredClone(e.doc), score })),
      facets,
      ...(corrections.length ? { corrections } : {}),
    };
  }

  labelsOf(iris: string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const iri of iris) {
      const e = this.entities.get(iri);
      const label = e && displayLabel(e.doc);
      if (label && label !== iri) out.set(iri, label);
    }
    return out;
  }

  get(iri: string): SearchDoc | undefined {
    const e = this.entities.get(iri);
    return e && structuredClone(e.doc);
  }

  graphsOf(iri: string): string[] {
    return [...this.parts.entries()]
      .filter(([, m]) => m.has(iri))
      .map(([g]) => g)
      .sort();
  }

  count(): number {
    return this.entities.size;
  }

  clear(): void {
    this.vocabulary = undefined;
    this.parts.clear();
    this.entities.clear();
    this.seq = 0;
  }

  close(): void {
    this.clear();
  }
}

function facetValues(e: Entity, field: FacetField): { value: string; label?: string }[] {
  switch (field) {
    case 'type':
      return e.doc.types.map((value) => ({ value }));
    case 'lang':
      return e.doc.languages.map((value) => ({ value }));
    case 'year':
      return e.year === undefined ? [] : [{ value: String(e.year) }];
    case 'subject': {
      const seen = new Set<string>();
      return e.doc.subjects.flatMap((s) => {
        const value = s.iri ?? s.label;
        if (seen.has(value)) return [];
        seen.add(value);
        return [s.label !== value ? { value, label: s.label } : { value }];
      });
    }
  }
}
