import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/http/openapi/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The structural rules of OpenAPI 3.1 this document must keep; returns every breach found. */
function structuralErrors(doc: Json): string[] {
  const errors: string[] = [];
  const check = (ok: unknown, message: string) => {
    if (!ok) errors.push(message);
  };
  check(typeof doc.openapi === 'string' && /^3\.1\.\d+$/.test(doc.openapi as string), 'openapi must be 3.1.x');
  const info = doc.info as Json | undefined;
  check(info && typeof info.title === 'string' && typeof info.version === 'string', 'info needs title and version');
  const components = (doc.components ?? {}) as Json;
  const resolve = (ref: string): unknown =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), doc);
  const ajv = new Ajv2020({ strict: false });
  const schemes = (components.securitySchemes ?? {}) as Json;
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    check(path.startsWith('/'), `${path}: paths start with /`);
    const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    for (const [method, raw] of Object.entries(item as Json)) {
      const where = `${method.toUpperCase()} ${path}`;
      check(METHODS.includes(method), `${where}: not an HTTP method`);
      const op = raw as Json;
      check(typeof op.operationId === 'string' && !operationIds.has(op.operationId as string), `${where}: operationId missing or not unique`);
      operationIds.add(op.operationId as string);
      const params = (op.parameters ?? []) as Json[];
      for (const p of params) {
        check(typeof p.name === 'string' && ['query', 'header', 'path', 'cookie'].includes(p.in as string), `${where}: parameter needs name and a valid in`);
        if (p.in === 'path')
          check(p.required === true && templated.includes(p.name as string), `${where}: path parameter ${p.name} must be required and in the template`);
        check(p.schema && ajv.validateSchema(p.schema as Json), `${where}: parameter ${p.name} needs a valid schema`);
      }
      for (const t of templated)
        check(
          params.some((p) => p.in === 'path' && p.name === t),
          `${where}: {${t}} has no path parameter`,
        );
      const responses = op.responses as Json;
      check(responses && Object.keys(responses).length > 0, `${where}: responses needed`);
      for (const [status, r] of Object.entries(responses ?? {})) {
        check(/^[1-5](\d\d|XX)$/.test(status) || status === 'default', `${where}: response key ${status}`);
        const res = r as Json;
        if (typeof res.$ref === 'string') check(resolve(res.$ref), `${where}: ${res.$ref} does not resolve`);
        else check(typeof res.description === 'string', `${where}: response ${status} needs a description`);
        for (const [type, media] of Object.entries((res.content ?? {}) as Json)) {
          const schema = (media as Json).schema as Json | undefined;
          check(type.includes('/') && (!schema || ajv.validateSchema(schema)), `${where}: ${type} needs a valid schema`);
        }
      }
      if (op.requestBody) check(Object.keys(((op.requestBody as Json).content ?? {}) as Json).length > 0, `${where}: requestBody needs content`);
      for (const req of (op.security ?? []) as Json[])
        for (const name of Object.keys(req)) check(schemes[name], `${where}: security scheme ${name} not defined`);
    }
  }
  for (const schema of Object.values((components.schemas ?? {}) as Json)) check(ajv.validateSchema(schema as Json), 'component schema invalid');
  const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
  for (const r of refs) check(resolve(r.slice(8, -1)), `${r} does not resolve`);
  return errors;
}

describe('/openapi.json', () => {
  let s: TestServer;
  let doc: Json;
  beforeAll(async () => {
    s = await startTestServer();
    const r = await s.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    doc = r.json();
  }, 30_000);
  afterAll(async () => s?.close());

  it('is structurally valid OpenAPI 3.1', () => {
    expect(structuralErrors(doc)).toEqual([]);
  });

  it('describes every route the server registers, and no route it does not', () => {
    const registered = new Set(registeredRoutes(s.app).map((r) => `${r.method} ${r.url}`));
    expect(registered.size).toBeGreaterThan(40);
    const described = new Set(Object.entries(doc.paths as Json).flatMap(([path, item]) => Object.keys(item as Json).map((m) => `${m} ${path}`)));
    expect(
      [...registered].filter((r) => !described.has(r)),
      'routes missing from the document',
    ).toEqual([]);
    expect(
      [...described].filter((d) => !registered.has(d)),
      'described routes that do not exist',
    ).toEqual([]);
  });

  it('marks writes with the bearer scheme and their 401, and reads as open while reads are public', () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    for (const [path, method] of [
      ['/store', 'put'],
      ['/store/{path}', 'delete'],
      ['/import', 'post'],
    ] as const) {
      expect(paths[path]?.[method]?.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
      expect(paths[path]?.[method]?.responses).toHaveProperty('401');
    }
    expect(paths['/sparql']?.get?.security).toEqual([]);
    expect(Object.keys(((paths['/store']?.put?.requestBody ?? {}) as Json).content ?? {})).toContain('text/turtle');
    expect(JSON.stringify(paths['/sparql']?.get?.responses)).toContain('application/sparql-results+json');
    expect((doc.components as Json).securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
  });

  it('is linked from the dataset description', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/.well-known/void', headers: { accept: 'text/turtle' } });
    expect(r.body).toMatch(/endpointDescription>? <http:\/\/localhost:8080\/openapi\.json>/);
  });

  it('keeps the Hydra entry point of the JSON-LD API', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('EntryPoint');
    expect((doc.paths as Json)['/api/']).toBeTruthy();
  });
});

describe('/openapi.json with LIBKG_PUBLIC_READS=false', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ config: { publicReads: false } });
  }, 30_000);
  afterAll(async () => s?.close());

  it('says reads need the token too', async () => {
    const doc = (await s.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Json>> };
    expect(doc.paths['/sparql']?.get?.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/health']?.get?.security).toEqual([]);
  });
});
