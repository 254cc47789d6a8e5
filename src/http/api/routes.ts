import type { FastifyPluginAsync } from 'fastify';
import N3 from 'n3';
import { LibkgError } from '../../errors.js';
import { own } from '../../own.js';
import { contextDocument, LIBKG_CONTEXT } from '../../rdf/context.js';
import { NodeBuilder } from '../../rdf/jsonld-nodes.js';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { COLLECTIONS, FILTERS, filterIri } from '../kit/collections.js';
import { sparqlIri, THING_PREFIX } from '../kit/iri.js';
import { LABEL_PROPERTIES } from '../kit/labels.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const LABEL_PATH = LABEL_PROPERTIES.map((p) => `<${p}>`).join('|');

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function positiveInt(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new LibkgError('BAD_REQUEST', `${name} must be a whole number from 1, got "${raw}"`);
  return Math.min(Number(raw), max);
}

/**
 * JSON-LD API: `/api/{collection}` lists entities as Hydra collections, paged
 * (`page`, `limit`) and filtered (`type` and the properties of FILTERS), every
 * member compacted with the libkg context and its neighbours embedded with
 * labels. `/context.jsonld` publishes the context.
 */
export const apiPlugin: FastifyPluginAsync<{ store: QuadStore; baseIri: string; requireRead?: Guard }> = async (app, { store, baseIri, requireRead }) => {
  guardEveryRoute(app, requireRead);
  const basePath = new URL(baseIri).pathname;

  app.get(`${basePath}context.jsonld`, async (_req, reply) => {
    reply.type('application/ld+json').header('Cache-Control', 'public, max-age=3600');
    return contextDocument();
  });

  app.get(`${basePath}api/`, async (_req, reply) => {
    reply.type('application/ld+json');
    return {
      '@context': LIBKG_CONTEXT,
      id: `${baseIri}api/`,
      type: 'hydra:EntryPoint',
      'hydra:collection': Object.entries(COLLECTIONS).map(([name, c]) => ({
        id: `${baseIri}api/${name}`,
        type: 'hydra:Collection',
        'hydra:title': c.title,
        ...(c.class
          ? { 'hydra:manages': { 'hydra:object': { id: c.class }, 'hydra:property': { id: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' } } }
          : {}),
      })),
    };
  });

  app.get<{ Params: { name: string } }>(`${basePath}api/:name`, async (req, reply) => {
    const collection = own(COLLECTIONS, req.params.name);
    if (!collection) throw new LibkgError('NOT_FOUND', `no collection ${req.params.name}; see ${basePath}api/`);
    const q = req.query as Query;
    const page = positiveInt('page', one(q.page), 1, Number.MAX_SAFE_INTEGER);
    const limit = positiveInt('limit', one(q.limit), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const { pattern, params } = listPattern(collection.class, q);
    const total = await count(store, pattern);
    const ids = await pageIds(store, pattern, limit, (page - 1) * limit);
    const builder = new NodeBuilder(await describeMembers(store, ids));
    const url = (p: number) => {
      const pairs: [string, string][] = [...params];
      if (one(q.limit)) pairs.push(['limit', String(limit)]);
      if (p > 1) pairs.push(['page', String(p)]);
      const search = new URLSearchParams(pairs);
      const s = search.toString();
      return `${baseIri}api/${req.params.name}${s ? `?${s}` : ''}`;
    };
    const last = Math.max(1, Math.ceil(total / limit));
    reply.type('application/ld+json').header('Vary', 'Accept');
    return {
      '@context': LIBKG_CONTEXT,
      id: `${baseIri}api/${req.params.name}${params.length ? `?${new URLSearchParams(params)}` : ''}`,
      type: 'hydra:Collection',
      'hydra:title': collection.title,
      'hydra:totalItems': total,
      'hydra:member': ids.map((id) => builder.node(id)),
      'hydra:search': searchTemplate(`${baseIri}api/${req.params.name}`),
      'hydra:view': {
        id: url(page),
        type: 'hydra:PartialCollectionView',
        'hydra:first': { id: url(1) },
        'hydra:last': { id: url(last) },
        ...(page > 1 ? { 'hydra:previous': { id: url(Math.min(page - 1, last)) } } : {}),
        ...(page < last ? { 'hydra:next': { id: url(page + 1) } } : {}),
      },
    };
  });

  function listPattern(cls: string | undefined, q: Query): { pattern: string; params: [string, string][] } {
    const parts = [`FILTER(isIRI(?s) && STRSTARTS(STR(?s), ${JSON.stringify(baseIri + THING_PREFIX)}))`];
    const params: [string, string][] = [];
    const typeParam = one(q.type);
    const type = typeParam !== undefined ? filterIri(typeParam) : cls;
    if (typeParam !== undefined) {
      if (!type) throw new LibkgError('BAD_REQUEST', `type must be a CURIE (e.g. bibo:Book) or an IRI, got "${typeParam}"`);
      params.push(['type', typeParam]);
    }
    if (type) parts.unshift(`?s a ${sparqlIri(type)} .`);
    if (cls && typeParam !== undefined) parts.unshift(`?s a ${sparqlIri(cls)} .`);
    for (const [name, prop] of Object.entries(FILTERS)) {
      const raw = one(q[name]);
      if (raw === undefined) continue;
      const iri = filterIri(raw);
      if (!iri) throw new LibkgError('BAD_REQUEST', `${name} must be a CURIE or an IRI, got "${raw}"`);
      parts.unshift(`?s ${sparqlIri(prop)} ${sparqlIri(iri)} .`);
      params.push([name, raw]);
    }
    if (!type && parts.length === 1) parts.unshift('?s ?anyP ?anyO .');
    return { pattern: parts.join('\n'), params };
  }
};

const HYDRA = 'http://www.w3.org/ns/hydra/core#';

/** The filters as a Hydra IriTemplate, so clients can discover them. */
function searchTemplate(collection: string) {
  const mapping = (variable: string, property: string) => ({
    type: 'hydra:IriTemplateMapping',
    'hydra:variable': variable,
    'hydra:property': { id: property },
    'hydra:required': false,
  });
  return {
    type: 'hydra:IriTemplate',
    'hydra:template': `${collection}{?type,${Object.keys(FILTERS).join(',')},page,limit}`,
    'hydra:variableRepresentation': { id: `${HYDRA}BasicRepresentation` },
    'hydra:mapping': [
      mapping('type', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'),
      ...Object.entries(FILTERS).map(([name, property]) => mapping(name, property)),
      mapping('page', `${HYDRA}pageIndex`),
      mapping('limit', `${HYDRA}limit`),
    ],
  };
}

async function count(store: QuadStore, pattern: string): Promise<number> {
  const r = await store.query(`SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ${pattern} }`, { format: 'application/sparql-results+json' });
  return Number((JSON.parse(r.body) as { results: { bindings: { n?: { value: string } }[] } }).results.bindings[0]?.n?.value ?? 0);
}

async function pageIds(store: QuadStore, pattern: string, limit: number, offset: number): Promise<string[]> {
  const r = await store.query(`SELECT DISTINCT ?s WHERE { ${pattern} } ORDER BY ?s LIMIT ${limit} OFFSET ${offset}`, {
    format: 'application/sparql-results+json',
  });
  return (JSON.parse(r.body) as { results: { bindings: { s: { value: string } }[] } }).results.bindings.map((b) => b.s.value);
}

/** Members' own triples, blank nodes one level down, and labels of everything they link to. */
async function describeMembers(store: QuadStore, ids: string[]) {
  if (ids.length === 0) return [];
  const values = ids.map(sparqlIri).join(' ');
  const q = `CONSTRUCT { ?s ?p ?o . ?o <http://www.w3.org/2000/01/rdf-schema#label> ?l . ?o ?bp ?bo } WHERE {
  VALUES ?s { ${values} }
  { ?s ?p ?o } UNION { ?s ?p ?o . FILTER(isIRI(?o)) ?o ${LABEL_PATH} ?l } UNION { ?s ?p ?o . FILTER(isBlank(?o)) ?o ?bp ?bo }
}`;
  const r = await store.query(q, { format: 'application/n-triples' });
  return new N3.Parser({ format: 'N-Triples' }).parse([...new Set(r.body.split('\n'))].join('\n'));
}
