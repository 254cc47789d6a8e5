/** What the start page says the store holds: quads and graphs from the store's own counters, entities per type from one query cached per change-log sequence. */
import type { QuadStore } from '../../store/port.js';
import { THING_PREFIX } from '../kit/iri.js';

export interface TypeCount {
  type: string;
  count: number;
}

export interface HomeCounts {
  quads: number;
  graphs: number;
  /** Entities (IRIs under {base}id/, without the #parts of one, such as contributions) per rdf:type, most first; undefined while the first count is still running. */
  types?: TypeCount[];
}

/** Types listed on the start page; the rest are summed in VoID. */
const MAX_TYPES = 12;

export class CountCache {
  private cached: { seq: number; types: Promise<TypeCount[]> } | undefined;

  constructor(
    private readonly store: QuadStore,
    private readonly baseIri: string,
    /** How long a page waits for a fresh type count before it is shown without one. */
    private readonly waitMs = 1500,
  ) {}

  private typeCounts(seq: number): Promise<TypeCount[]> {
    if (this.cached?.seq === seq) return this.cached.types;
    const things = JSON.stringify(this.baseIri + THING_PREFIX);
    const q = `SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . FILTER(isIRI(?c) && STRSTARTS(STR(?s), ${things}) && !CONTAINS(STR(?s), "#")) } GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT ${MAX_TYPES}`;
    const types = this.store.query(q, { format: 'application/sparql-results+json' }).then((r) =>
      (JSON.parse(r.body) as { results: { bindings: Record<string, { value: string } | undefined>[] } }).results.bindings.map((b) => ({
        type: b.c?.value ?? '',
        count: Number(b.n?.value ?? 0),
      })),
    );
    const entry = { seq, types };
    this.cached = entry;
    // A failed count is forgotten, so the next page asks again.
    types.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return types;
  }

  /** The counts now; type counts only if they are ready within the wait. */
  async current(): Promise<HomeCounts> {
    const s = this.store.stats();
    const types = this.typeCounts(s.lastSeq);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.waitMs);
    });
    try {
      return { quads: s.quads, graphs: s.graphs, types: await Promise.race([types.catch(() => undefined), late]) };
    } finally {
      clearTimeout(timer);
    }
  }
}
