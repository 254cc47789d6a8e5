/** Link discovery's matching engine: the one entry point linkgraph imports. */

export type { LinkSpec } from '../model/spec.js';
export { matchEntities } from './match.js';
export type { LinkEntity, MatchOptions, MatchResult, ScoredPair } from './types.js';
