/** The engine's plain-data contract with linkgraph (runs inside a worker thread: no functions, no store). */

/** An entity as read from the store: raw values by the spec's value names (the engine applies the transforms). */
/** `group`: the entity's graph group (spec `pairs: across-graphs`); two entities of one group are never paired. */
export type LinkEntity = { iri: string; id?: string; group?: string; values: Record<string, string[]> };

export type ScoredPair = { source: string; target: string; score: number; evidence: Record<string, number>; status: 'accepted' | 'review' };

export type MatchResult = {
  pairs: ScoredPair[];
  stats: { candidates: number; compared: number; reductionRatio: number; seconds: number };
};

/** `focus`: IRIs of changed entities (an incremental run): only pairs with one of them at either end are compared. */
export type MatchOptions = { onProgress?(done: number, total: number): void; signal?: AbortSignal; focus?: ReadonlySet<string> };
