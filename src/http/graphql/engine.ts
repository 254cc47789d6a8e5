import { createRequire } from 'node:module';
import type { IQueryEngine } from 'graphql-ld';
import { LibkgError } from '../../errors.js';
import type { QuadStore } from '../../store/port.js';

type Algebra = Parameters<IQueryEngine['query']>[0];

// graphql-ld builds algebra with its own sparqlalgebrajs (v3); serialize it with that same copy,
// not the project's v5, so the object shapes always match.
const fromGraphqlLd = createRequire(createRequire(import.meta.url).resolve('graphql-ld'));
const { toSparql } = fromGraphqlLd('sparqlalgebrajs') as { toSparql: (op: Algebra) => string };

/** graphql-ld's query engine over libkg's store: algebra -> SPARQL text -> SPARQL JSON. */
export class StoreQueryEngine implements IQueryEngine {
  constructor(
    private readonly store: QuadStore,
    private readonly timeoutMs?: number,
  ) {}

  async query(algebra: Algebra): Promise<unknown> {
    const sparql = toSparql(algebra);
    const result = await this.store.query(sparql, { format: 'application/sparql-results+json', timeoutMs: this.timeoutMs });
    try {
      return JSON.parse(result.body);
    } catch (e) {
      throw new LibkgError('INTERNAL', 'the store returned unreadable SPARQL JSON', {}, { cause: e });
    }
  }
}

/** The SPARQL text a GraphQL-LD query becomes (shown to users who ask for it). */
export const algebraToSparql = (algebra: Algebra): string => toSparql(algebra);
