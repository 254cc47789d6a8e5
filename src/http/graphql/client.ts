import { createRequire } from 'node:module';
import type { DocumentNode, ValueNode } from 'graphql';
import { Client, type IQueryEngine } from 'graphql-ld';
import { LibkgError } from '../../errors.js';
import { CONTEXT_PATH, DEFAULT_CONTEXT } from './context.js';

// The context parser graphql-ld itself uses (nested dependency): built here only to give it a document loader that never fetches.
const fromGraphqlLd = createRequire(createRequire(import.meta.url).resolve('graphql-ld'));
const { ContextParser } = fromGraphqlLd('jsonld-context-parser') as {
  ContextParser: new (options: { documentLoader: { load(url: string): Promise<unknown> } }) => unknown;
};

/** Remote contexts are refused: fetching user-given URLs from the server would let anyone make it call out. */
const offlineLoader = {
  async load(url: string): Promise<unknown> {
    throw new LibkgError('BAD_REQUEST', `remote JSON-LD contexts are not loaded (${url}); send the context object inline`);
  },
};

/** GraphQL variables arrive as JSON; graphql-to-sparql wants GraphQL AST values. */
function toValueNode(value: unknown): ValueNode {
  if (value === null || value === undefined) return { kind: 'NullValue' } as ValueNode;
  if (typeof value === 'string') return { kind: 'StringValue', value } as ValueNode;
  if (typeof value === 'boolean') return { kind: 'BooleanValue', value } as ValueNode;
  if (typeof value === 'number') return { kind: Number.isInteger(value) ? 'IntValue' : 'FloatValue', value: String(value) } as ValueNode;
  if (Array.isArray(value)) return { kind: 'ListValue', values: value.map(toValueNode) } as ValueNode;
  throw new LibkgError('BAD_REQUEST', 'GraphQL-LD variables must be strings, numbers, booleans, null or lists of these');
}

interface ConverterInternals {
  context: Promise<{ getContextRaw(): unknown }>;
  graphqlToSparqlConverter: {
    graphqlToSparqlAlgebra(query: string | DocumentNode, context: unknown, options: Record<string, unknown>): Promise<unknown>;
  };
}

/** graphql-ld's Client drops `variables` (it always passes an empty dictionary); this one hands them to the converter. */
class VariablesClient extends Client {
  override async graphQlToSparql({ query, variables }: { query: string | DocumentNode; variables?: Record<string, unknown> }) {
    const self = this as unknown as ConverterInternals;
    const singularizeVariables = {};
    const variablesDict = Object.fromEntries(Object.entries(variables ?? {}).map(([k, v]) => [k, toValueNode(v)]));
    const sparqlAlgebra = await self.graphqlToSparqlConverter.graphqlToSparqlAlgebra(query, (await self.context).getContextRaw(), {
      singularizeVariables,
      variablesDict,
    });
    return { sparqlAlgebra, singularizeVariables } as Awaited<ReturnType<Client['graphQlToSparql']>>;
  }
}

/** A user context extends the default one; the published default may be named by its path or URL. */
export function effectiveContext(userContext: unknown): unknown {
  if (userContext === undefined || userContext === null) return DEFAULT_CONTEXT;
  const parts = Array.isArray(userContext) ? userContext : [userContext];
  const resolved = parts.map((part) => {
    if (typeof part === 'string') {
      if (part === CONTEXT_PATH || part.endsWith(CONTEXT_PATH)) return DEFAULT_CONTEXT;
      throw new LibkgError('BAD_REQUEST', `remote JSON-LD contexts are not loaded (${part}); send the context object inline`);
    }
    if (typeof part !== 'object' || part === null) throw new LibkgError('BAD_REQUEST', 'the context must be a JSON-LD context object');
    const inner = (part as Record<string, unknown>)['@context'];
    return inner === undefined ? part : effectiveContext(inner);
  });
  return [DEFAULT_CONTEXT, ...resolved.flat()];
}

export const makeClient = (queryEngine: IQueryEngine, context: unknown): Client =>
  new VariablesClient({ context: context as never, queryEngine, contextParser: new ContextParser({ documentLoader: offlineLoader }) as never });
