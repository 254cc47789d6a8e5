/** Builds the OpenAPI 3.1 document from the operation table, for one base IRI and access setting. */
import { ERRORS } from '../../errors.js';
import { OPERATIONS, type Operation } from './operations.js';

type Json = Record<string, unknown>;

/** The path as it is served: paths relative to the base IRI get its path in front. */
export const servedPath = (op: Operation, basePath: string) => (op.path.startsWith('/') ? op.path : `${basePath}${op.path}`);

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` is stable (see the error catalogue)',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', enum: Object.keys(ERRORS) },
    detail: { type: 'string' },
    instance: { type: 'string' },
  },
};

const content = (types: string[]): Json | undefined =>
  types.length
    ? Object.fromEntries(types.map((t) => [t, t.endsWith('json') ? { schema: { type: ['object', 'array'] } } : { schema: { type: 'string' } }]))
    : undefined;

function operation(op: Operation, publicReads: boolean): Json {
  const needsToken = op.access === 'write' || (op.access === 'read' && !publicReads);
  const responses: Json = {
    [op.ok.status ?? '200']: { description: op.ok.description, ...(op.ok.types.length ? { content: content(op.ok.types) } : {}) },
  };
  for (const [status, description] of Object.entries(op.also ?? {})) responses[status] = { description };
  if (needsToken) responses['401'] = { $ref: '#/components/responses/Unauthorized' };
  responses.default = { $ref: '#/components/responses/Problem' };
  return {
    tags: [op.tag],
    summary: op.summary,
    operationId: `${op.method}${servedPath(op, '/')
      .replace(/\{(\w+)\}/g, 'By_$1')
      .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(op.params?.length
      ? {
          parameters: op.params.map((p) => ({
            name: p.name,
            in: p.in,
            description: p.description,
            required: p.in === 'path' ? true : !!p.required,
            schema: p.repeatable ? { type: 'array', items: { type: 'string' } } : { type: 'string' },
            ...(p.repeatable ? { explode: true } : {}),
          })),
        }
      : {}),
    ...(op.body ? { requestBody: { description: op.body.description, required: !!op.body.required, content: content(op.body.types) } } : {}),
    responses,
    security: needsToken ? [{ bearer: [] }] : [],
  };
}

export function openApiDocument(opts: { baseIri: string; publicReads: boolean; version: string }): Json {
  const base = new URL(opts.baseIri);
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const path = servedPath(op, base.pathname);
    paths[path] ??= {};
    (paths[path] as Json)[op.method] = operation(op, opts.publicReads);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'libkg',
      version: opts.version,
      summary: 'Linked-data knowledge graph for libraries',
      description:
        'Every surface of this server. Writes need `Authorization: Bearer <token>` (`libkg token create`); reads need it too when the server runs with LIBKG_PUBLIC_READS=false. Errors are RFC 9457 problem+json with a stable `code`. Paths given as `{path}` match the rest of the URL, slashes included. The Hydra entry point of the JSON-LD API is at `api/`.',
    },
    servers: [{ url: base.origin }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A write token from `libkg token create` or LIBKG_WRITE_TOKENS' } },
      schemas: { Problem: PROBLEM_SCHEMA },
      responses: {
        Problem: { description: 'An error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        Unauthorized: {
          description: 'No or no valid bearer token',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    },
  };
}
