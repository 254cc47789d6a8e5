/** Query surfaces: the SPARQL 1.1 Protocol, the Graph Store Protocol and GraphQL-LD. */
import { graphParams, graphStore, HTML, JSON_TYPE, JSONLD, type Operation, p, q, queryParams, RDF, SOLUTIONS, storePath } from './operation-kit.js';

export const QUERY_OPERATIONS: Operation[] = [
  // SPARQL 1.1 Protocol
  {
    method: 'get',
    path: '/sparql',
    tag: 'SPARQL',
    access: 'read',
    summary: 'Query; without a query: the service description, or the query page (YASGUI) for browsers',
    params: queryParams.map((x) => ({ ...x, required: false })),
    ok: { types: [...SOLUTIONS, ...RDF, ...HTML], description: 'Query results, the service description or the query page' },
  },
  {
    method: 'post',
    path: '/sparql',
    tag: 'SPARQL',
    access: 'read',
    summary: 'Query (application/sparql-query or a form with query=) or update (application/sparql-update or a form with update=; needs the token)',
    params: [
      q('using-graph-uri', 'Update dataset', { repeatable: true }),
      q('using-named-graph-uri', 'Update dataset', { repeatable: true }),
      ...queryParams.slice(1),
    ],
    body: {
      types: ['application/sparql-query', 'application/sparql-update', 'application/x-www-form-urlencoded'],
      description: 'The query or update',
      required: true,
    },
    ok: { types: [...SOLUTIONS, ...RDF, ...JSON_TYPE], description: 'Query results, or for an update what it changed' },
  },
  ...(['put', 'delete', 'patch'] as const).map(
    (method): Operation => ({
      method,
      path: '/sparql',
      tag: 'SPARQL',
      access: 'public',
      summary: 'Not a protocol operation: 405 with Allow',
      ok: { status: '405', types: [], description: 'Method not allowed' },
    }),
  ),
  {
    method: 'get',
    path: '/sparql/ui/{file}',
    tag: 'SPARQL',
    access: 'public',
    summary: 'The query page’s script and style sheet',
    params: [p('file', 'yasgui.min.js or yasgui.min.css')],
    ok: { types: ['application/javascript', 'text/css'], description: 'The file' },
  },
  {
    method: 'get',
    path: '/sparql/ui/prefixes.json',
    tag: 'SPARQL',
    access: 'public',
    summary: 'The prefixes a query or update may use without declaring them',
    ok: { types: JSON_TYPE, description: 'Prefix → namespace IRI' },
  },
  // Graph Store
  ...graphStore('/store', graphParams),
  ...graphStore('/store/{path}', [storePath]),
  // GraphQL-LD
  {
    method: 'get',
    path: '/graphql',
    tag: 'GraphQL-LD',
    access: 'read',
    summary: 'A GraphQL-LD query; without one, the query page for browsers',
    params: [
      q('query', 'The GraphQL query'),
      q('variables', 'JSON'),
      q('context', 'An extra JSON-LD context (JSON)'),
      q('explain', 'true: show the SPARQL query'),
    ],
    ok: { types: [...JSON_TYPE, ...HTML], description: 'The result, or the query page' },
  },
  {
    method: 'post',
    path: '/graphql',
    tag: 'GraphQL-LD',
    access: 'read',
    summary: 'A GraphQL-LD query',
    body: {
      types: ['application/json', 'application/graphql', 'application/x-www-form-urlencoded'],
      description: '{ query, variables?, context? }',
      required: true,
    },
    ok: { types: JSON_TYPE, description: 'The result' },
  },
  {
    method: 'get',
    path: '/graphql/context.jsonld',
    tag: 'GraphQL-LD',
    access: 'public',
    summary: 'The default JSON-LD context of GraphQL-LD field names',
    ok: { types: JSONLD, description: 'The context' },
  },
];
