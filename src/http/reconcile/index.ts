/**
 * W3C Reconciliation Service API v0.2 at /reconcile, as OpenRefine calls it:
 * GET answers the service manifest; `queries` (a JSON batch, in the query
 * string or a form-encoded POST body) answers candidates per query. Also a
 * preview card and entity suggest (autocomplete). Ids are entity IRIs below
 * `{base}id/` (the identifierSpace), written relative to it.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { LibkgError } from '../../errors.js';
import { own } from '../../own.js';
import { keyCompactor } from '../../rdf/jsonld-nodes.js';
import type { CanonicalOf } from '../../search/collapse.js';
import { displayLabel } from '../../search/merge.js';
import type { SearchDoc } from '../../search/port.js';
import type { Search } from '../../search/service.js';
import { NS } from '../../vocab.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { filterIri } from '../kit/collections.js';
import { html, PAGE_CSP } from '../kit/html/escape.js';
import { THING_PREFIX } from '../kit/iri.js';
import { EXTENSION_PROPERTIES, extend, proposeProperties } from './extend.js';
import { type ReconQuery, reconcile } from './match.js';

export interface ReconcilePluginOptions {
  search: Search;
  baseIri: string;
  requireRead?: Guard;
  /** How long an answer waits for the index to take in recent writes. */
  freshnessMs?: number;
  /** owl:sameAs clusters: a cluster is one candidate, named by its canonical IRI. */
  clusters?: { canonicalOf: CanonicalOf; current(maxWaitMs: number): Promise<boolean> };
}

/** The types offered in OpenRefine's type chooser. */
export const DEFAULT_TYPES = [
  { id: NS.bibo('Document'), name: 'Work' },
  { id: NS.foaf('Person'), name: 'Person' },
  { id: NS.foaf('Organization'), name: 'Organisation' },
  { id: NS.skos('Concept'), name: 'Concept' },
  { id: NS.bibo('Patent'), name: 'Patent' },
  { id: NS.dcat('Dataset'), name: 'Dataset' },
];
const TYPE_NAMES = new Map(DEFAULT_TYPES.map((t) => [t.id, t.name]));
const compact = keyCompactor();

/** Queries per batch and candidates per query: one request stays cheap. */
export const MAX_BATCH = 100;
export const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 5;
/** The preview is shown by OpenRefine (any origin) in an iframe: framing is allowed here, and only here. */
const PREVIEW_CSP = PAGE_CSP.replace("frame-ancestors 'none'", 'frame-ancestors *');
const JSONP_CALLBACK = /^[A-Za-z_$][\w$.]{0,63}$/;

type Params = Record<string, string | string[] | undefined>;

function one(p: Params, name: string): string | undefined {
  const v = p[name];
  if (Array.isArray(v)) throw new LibkgError('BAD_REQUEST', `${name} may be given once`);
  return v;
}

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).flatMap((x) => {
    if (typeof x === 'string' || typeof x === 'number') return [String(x)];
    if (x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string') return [(x as { id: string }).id];
    return [];
  });

/** One query object of the batch, checked. */
function readQuery(key: string, raw: unknown): ReconQuery {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new LibkgError('BAD_REQUEST', `query ${key} must be an object with a "query" string`);
  const o = raw as Record<string, unknown>;
  const query = typeof o.query === 'string' ? o.query : '';
  if (query.length > 1000) throw new LibkgError('BAD_REQUEST', `query ${key} is longer than 1000 characters`);
  const types = strings(o.type).map((t) => {
    const iri = filterIri(t);
    if (!iri) throw new LibkgError('BAD_REQUEST', `type of query ${key} must be an IRI or a CURIE, got "${t.slice(0, 100)}"`);
    return iri;
  });
  let limit = DEFAULT_LIMIT;
  if (o.limit !== undefined) {
    if (typeof o.limit !== 'number' || !Number.isInteger(o.limit) || o.limit < 1)
      throw new LibkgError('BAD_REQUEST', `limit of query ${key} must be a positive whole number`);
    limit = Math.min(o.limit, MAX_LIMIT);
  }
  const properties = (Array.isArray(o.properties) ? o.properties : []).flatMap((p: unknown) => {
    if (!p || typeof p !== 'object') return [];
    const { pid, v } = p as { pid?: unknown; v?: unknown };
    return typeof pid === 'string' ? [{ pid, values: strings(v) }] : [];
  });
  if (!query && !properties.length) throw new LibkgError('BAD_REQUEST', `query ${key} has neither a "query" string nor properties`);
  return { query, types, limit, properties };
}

export const reconcilePlugin: FastifyPluginAsync<ReconcilePluginOptions> = async (app, { search, baseIri, requireRead, freshnessMs = 2000, clusters }) => {
  // On request: a POSTed form is not read before the token is checked.
  guardEveryRoute(app, requireRead);
  const basePath = new URL(baseIri).pathname;
  const space = baseIri + THING_PREFIX;
  const path = `${basePath}reconcile`;
  const idOf = (iri: string) => iri.slice(space.length);
  const iriOf = (id: string) => space + id.replace(/^\/+/, '');
  const typesOf = (d: SearchDoc) => d.types.map((t) => ({ id: t, name: TYPE_NAMES.get(t) ?? compact(t) }));
  const describe = (d: SearchDoc) => {
    const parts: string[] = [];
    if (d.dates.birth || d.dates.death) parts.push(`${d.dates.birth ?? ''}–${d.dates.death ?? ''}`);
    if (d.contributors.length)
      parts.push(
        d.contributors
          .slice(0, 3)
          .map((c) => c.name)
          .join('; '),
      );
    if (d.years.length) parts.push(String(Math.min(...d.years)));
    return parts.join(', ');
  };

  const manifest = () => ({
    versions: ['0.2'],
    name: 'libkg knowledge graph',
    identifierSpace: space,
    schemaSpace: NS.libkg(''),
    defaultTypes: DEFAULT_TYPES,
    view: { url: `${space}{{id}}` },
    preview: { url: `${baseIri}reconcile/preview?id={{id}}`, width: 400, height: 140 },
    suggest: { entity: { service_url: baseIri.replace(/\/$/, ''), service_path: '/reconcile/suggest/entity' } },
    extend: {
      propose_properties: { service_url: baseIri.replace(/\/$/, ''), service_path: '/reconcile/properties' },
      property_settings: [],
    },
    documentation: `${baseIri}search`,
  });

  /** JSON, or JSONP when the client names a callback (OpenRefine's older clients do). */
  const send = (reply: FastifyReply, params: Params, body: unknown) => {
    const callback = one(params, 'callback');
    if (callback !== undefined) {
      if (!JSONP_CALLBACK.test(callback)) throw new LibkgError('BAD_REQUEST', 'callback must be a JavaScript identifier');
      return reply.type('application/javascript; charset=utf-8').send(`/**/${callback}(${JSON.stringify(body)});`);
    }
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  };

  const answer = async (req: FastifyRequest, reply: FastifyReply) => {
    const params: Params = { ...(req.query as Params), ...(req.body && typeof req.body === 'object' ? (req.body as Params) : {}) };
    const queries = one(params, 'queries');
    const extension = one(params, 'extend');
    if (extension !== undefined) return send(reply, params, await answerExtend(extension));
    if (queries === undefined) return send(reply, params, manifest());
    let batch: unknown;
    try {
      batch = JSON.parse(queries);
    } catch {
      throw new LibkgError('BAD_REQUEST', 'queries must be a JSON object of queries, e.g. {"q0": {"query": "Goethe"}}');
    }
    if (!batch || typeof batch !== 'object' || Array.isArray(batch)) throw new LibkgError('BAD_REQUEST', 'queries must be a JSON object of queries');
    const entries = Object.entries(batch as Record<string, unknown>);
    if (entries.length > MAX_BATCH) throw new LibkgError('BAD_REQUEST', `a batch holds at most ${MAX_BATCH} queries, got ${entries.length}`);
    const checked = entries.map(([key, raw]) => [key, readQuery(key, raw)] as const);
    await search.sync.current(freshnessMs);
    await clusters?.current(freshnessMs);
    const canonicalOf: CanonicalOf = clusters ? (iri) => clusters.canonicalOf(iri) : (iri) => iri;
    // fromEntries keeps every key as its own entry: a query keyed "__proto__" is answered, not set as a prototype.
    const out = Object.fromEntries(
      checked.map(([key, q]) => [
        key,
        {
          result: search.live(reconcile(search.index, q, space, canonicalOf)).map((c) => ({
            id: idOf(c.doc.iri),
            name: displayLabel(c.doc),
            description: describe(c.doc),
            type: typesOf(c.doc),
            score: c.score,
            match: c.match,
          })),
        },
      ]),
    );
    return send(reply, params, out);
  };
  app.get(path, answer);
  app.post(path, answer);

  const answerExtend = async (raw: string) => {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new LibkgError('BAD_REQUEST', 'extend must be JSON: {"ids": [...], "properties": [{"id": "..."}]}');
    }
    const { ids, properties } = (body ?? {}) as { ids?: unknown; properties?: unknown };
    if (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string') || !Array.isArray(properties)) {
      throw new LibkgError('BAD_REQUEST', 'extend needs "ids" (strings) and "properties" ([{"id": "..."}])');
    }
    if (ids.length > MAX_BATCH) throw new LibkgError('BAD_REQUEST', `extend takes at most ${MAX_BATCH} ids, got ${ids.length}`);
    const props = properties.flatMap((p: unknown) => (p && typeof (p as { id?: unknown }).id === 'string' ? [{ id: (p as { id: string }).id }] : []));
    const unknown = props.find((p) => !own(EXTENSION_PROPERTIES, p.id));
    if (unknown) throw new LibkgError('BAD_REQUEST', `no property "${unknown.id.slice(0, 50)}"; see ${basePath}reconcile/properties`);
    await search.sync.current(freshnessMs);
    const inSpace = (iri: string) => (iri.startsWith(space) ? idOf(iri) : undefined);
    return extend({ ids, properties: props }, (id) => search.index.get(iriOf(id)), inSpace);
  };

  app.get(`${path}/properties`, async (req, reply) => {
    const params = req.query as Params;
    const limit = Number(one(params, 'limit') ?? 50);
    return send(reply, params, { type: one(params, 'type') ?? '', properties: proposeProperties(Number.isInteger(limit) && limit > 0 ? limit : 50) });
  });

  app.get(`${path}/preview`, async (req, reply) => {
    const id = one(req.query as Params, 'id');
    if (!id) throw new LibkgError('BAD_REQUEST', 'id is required');
    const doc = search.index.get(iriOf(id));
    if (!doc) throw new LibkgError('NOT_FOUND', `no entity ${id} in ${space}`);
    reply.header('Content-Security-Policy', PREVIEW_CSP).type('text/html; charset=utf-8');
    return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${displayLabel(doc)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:.5rem}p{margin:.2rem 0;color:#555}</style></head>
<body><strong><a href="${basePath}${THING_PREFIX}${id}" target="_blank">${displayLabel(doc)}</a></strong>
<p>${typesOf(doc)
      .map((t) => t.name)
      .join(', ')}</p>${describe(doc) ? html`<p>${describe(doc)}</p>` : ''}${doc.text[0] ? html`<p>${doc.text[0].value.slice(0, 300)}</p>` : ''}
</body></html>`.value;
  });

  app.get(`${path}/suggest/entity`, async (req, reply) => {
    const params = req.query as Params;
    const prefix = (one(params, 'prefix') ?? '').trim();
    const words = prefix
      .split(/\s+/)
      .filter((w) => /[\p{L}\p{N}]/u.test(w))
      .slice(0, 8);
    if (words.length === 0) return send(reply, params, { result: [] });
    const types = (one(params, 'type') ?? '')
      .split(',')
      .filter(Boolean)
      .map((t) => filterIri(t))
      .filter((t): t is string => !!t);
    await search.sync.current(freshnessMs);
    const found = search.index.search({
      query: {
        kind: 'and',
        children: words.map((text, i) => ({ kind: 'term', text, field: 'title', phrase: false, prefix: i === words.length - 1 })),
      },
      filters: { types, iriPrefix: space },
      from: 0,
      size: 10,
    });
    return send(reply, params, {
      result: search.live(found.hits).map(({ doc }) => ({ id: idOf(doc.iri), name: displayLabel(doc), description: describe(doc), type: typesOf(doc) })),
    });
  });
};
