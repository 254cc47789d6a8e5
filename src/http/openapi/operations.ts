/**
 * Every HTTP operation libkg serves, described once: the table /openapi.json is built from. Paths without a
 * leading slash hang below the base IRI's path (as their plugins register them); the others sit at the root.
 */
import { FILTERS } from '../api/collections.js';
import { RDF_MEDIA_TYPES } from '../rdf-serialize.js';
import { ACCEPTED_BODY_TYPES } from '../store/body.js';

const SOLUTIONS = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'];
const RDF = [...RDF_MEDIA_TYPES];
const JSON_TYPE = ['application/json'];
const JSONLD = ['application/ld+json'];
const HTML = ['text/html'];

export interface Param {
  name: string;
  in: 'query' | 'path' | 'header';
  description: string;
  required?: boolean;
  repeatable?: boolean;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
  tag: string;
  summary: string;
  /** Writes always need the bearer token; reads need it when LIBKG_PUBLIC_READS=false. */
  access: 'write' | 'read' | 'public';
  params?: Param[];
  body?: { types: string[]; description: string; required?: boolean };
  /** Media types of the success answer; the status defaults to 200. */
  ok: { status?: string; types: string[]; description: string };
  /** Further answers besides problem+json errors (303, 304, 410...). */
  also?: Record<string, string>;
}

const q = (name: string, description: string, extra: Partial<Param> = {}): Param => ({ name, in: 'query', description, ...extra });
const p = (name: string, description: string): Param => ({ name, in: 'path', description, required: true });
const accept: Param = { name: 'Accept', in: 'header', description: 'Content negotiation over the listed media types' };

const queryParams = [
  q('query', 'A SPARQL 1.1 query', { required: true }),
  q('default-graph-uri', 'Protocol dataset: a default graph', { repeatable: true }),
  q('named-graph-uri', 'Protocol dataset: a named graph', { repeatable: true }),
  q('format', 'Result format by name (json, xml, csv, tsv, turtle, ...), overriding Accept', { repeatable: true }),
  accept,
];
const graphParams = [q('graph', 'The graph IRI (indirect identification)'), q('default', 'The default graph (no value)')];
const storeBody = { types: ACCEPTED_BODY_TYPES, description: 'RDF in any accepted syntax', required: true };
const storePath = p('path', 'Direct identification: the graph <{base}store/{path}>');

function graphStore(path: string, extra: Param[]): Operation[] {
  const tag = 'Graph Store';
  return [
    {
      method: 'get',
      path,
      tag,
      access: 'read',
      summary: 'Read a graph (or, naming none, the whole dataset as TriG/N-Quads)',
      params: [...extra, accept],
      ok: { types: RDF, description: 'The graph' },
    },
    {
      method: 'put',
      path,
      tag,
      access: 'write',
      summary: 'Replace a graph',
      params: extra,
      body: storeBody,
      ok: { status: '201', types: [], description: 'Created (204 when it replaced one)' },
      also: { '204': 'Replaced' },
    },
    {
      method: 'post',
      path,
      tag,
      access: 'write',
      summary: 'Add to a graph; to the store itself, TriG/N-Quads go to the graphs they name, other RDF to a new graph',
      params: extra,
      body: storeBody,
      ok: { status: '201', types: [], description: 'Created (Location names a new graph)' },
      also: { '200': 'Quads added to the graphs they name', '204': 'Added to an existing graph' },
    },
    { method: 'delete', path, tag, access: 'write', summary: 'Delete a graph', params: extra, ok: { status: '204', types: [], description: 'Deleted' } },
  ];
}

function rdfDocument(path: string, tag: string, summary: string): Operation[] {
  const out: Operation[] = [{ method: 'get', path, tag, access: 'read', summary, params: [accept], ok: { types: [...RDF, ...HTML], description: summary } }];
  for (const [ext, type] of [
    ['ttl', 'text/turtle'],
    ['jsonld', 'application/ld+json'],
    ['html', 'text/html'],
  ])
    out.push({
      method: 'get',
      path: `${path}.${ext}`,
      tag,
      access: 'read',
      summary: `${summary} as ${type}`,
      ok: { types: [type as string], description: summary },
    });
  return out;
}

export const OPERATIONS: Operation[] = [
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
  // Linked data
  {
    method: 'get',
    path: 'id/{path}',
    tag: 'Linked data',
    access: 'read',
    summary: 'An entity: 303 to its document',
    params: [p('path', 'The entity’s local path (e.g. person/gnd-118607626)')],
    ok: { status: '303', types: [], description: 'See the document' },
    also: { '410': 'The entity was deleted' },
  },
  {
    method: 'get',
    path: 'doc/{path}',
    tag: 'Linked data',
    access: 'read',
    summary: 'The document describing an entity (extension .ttl, .jsonld, .nt, .rdf, .html or Accept)',
    params: [
      p('path', 'The entity’s local path, optionally with an extension'),
      accept,
      { name: 'If-None-Match', in: 'header', description: 'ETag of a copy held' },
    ],
    ok: { types: [...RDF, ...HTML], description: 'The description' },
    also: { '304': 'Not modified', '410': 'Deleted' },
  },
  {
    method: 'get',
    path: 'lookup',
    tag: 'Linked data',
    access: 'read',
    summary: 'Redirect to the document of an entity by its IRI',
    params: [q('uri', 'The entity IRI', { required: true })],
    ok: { status: '303', types: [], description: 'See the document' },
  },
  {
    method: 'get',
    path: 'context.jsonld',
    tag: 'JSON-LD API',
    access: 'public',
    summary: 'The JSON-LD context of the API',
    ok: { types: JSONLD, description: 'The context' },
  },
  {
    method: 'get',
    path: 'api/',
    tag: 'JSON-LD API',
    access: 'read',
    summary: 'The Hydra entry point: the collections',
    ok: { types: JSONLD, description: 'The entry point' },
  },
  {
    method: 'get',
    path: 'api/{name}',
    tag: 'JSON-LD API',
    access: 'read',
    summary: 'A collection as a Hydra paged collection with filters',
    params: [
      p('name', 'works, people, organisations, patents, datasets, concepts or things'),
      q('page', 'Page number from 1'),
      q('type', 'A class (CURIE or IRI)'),
      ...Object.keys(FILTERS).map((f) => q(f, 'Filter: a CURIE or an IRI')),
    ],
    ok: { types: JSONLD, description: 'One page of the collection' },
  },
  // Dataset description, vocabulary, crawlers
  ...rdfDocument('.well-known/void', 'Dataset', 'The dataset description (VoID, DCAT, SPARQL SD)'),
  ...rdfDocument('ontology', 'Dataset', 'The libkg ontology'),
  ...rdfDocument('shapes', 'Dataset', 'The SHACL shapes records are validated against'),
  {
    method: 'get',
    path: 'sitemap.xml',
    tag: 'Dataset',
    access: 'read',
    summary: 'The sitemap index',
    ok: { types: ['application/xml'], description: 'Sitemap index' },
  },
  {
    method: 'get',
    path: 'sitemap-{n}',
    tag: 'Dataset',
    access: 'read',
    summary: 'One sitemap of entity documents',
    params: [p('n', 'Sitemap number, with .xml')],
    ok: { types: ['application/xml'], description: 'Sitemap' },
  },
  {
    method: 'get',
    path: 'dumps/',
    tag: 'Dataset',
    access: 'read',
    summary: 'The list of dumps',
    ok: { types: JSON_TYPE, description: 'Dumps with sizes and dates' },
  },
  {
    method: 'get',
    path: 'dumps/{name}',
    tag: 'Dataset',
    access: 'read',
    summary: 'A dump (gzip: all N-Quads, or Turtle per entity type)',
    params: [p('name', 'File name from the list')],
    ok: { types: ['application/gzip'], description: 'The dump' },
  },
  // Harvesting
  {
    method: 'get',
    path: 'oai',
    tag: 'Harvesting',
    access: 'read',
    summary: 'OAI-PMH 2.0',
    params: [
      q('verb', 'Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords or GetRecord', { required: true }),
      q('metadataPrefix', 'oai_dc, rdf or marcxml'),
      q('identifier', 'An OAI identifier'),
      q('set', 'A set spec'),
      q('from', 'UTC date'),
      q('until', 'UTC date'),
      q('resumptionToken', 'From the previous answer'),
    ],
    ok: { types: ['text/xml'], description: 'The OAI-PMH answer (errors too, as the protocol asks)' },
  },
  {
    method: 'post',
    path: 'oai',
    tag: 'Harvesting',
    access: 'read',
    summary: 'OAI-PMH 2.0 with the arguments as a form',
    body: { types: ['application/x-www-form-urlencoded'], description: 'verb and arguments', required: true },
    ok: { types: ['text/xml'], description: 'The OAI-PMH answer' },
  },
  {
    method: 'get',
    path: 'oai/oai2.xsl',
    tag: 'Harvesting',
    access: 'read',
    summary: 'The XSLT stylesheet every OAI-PMH answer names, so browsers show it as a page',
    ok: { types: ['text/xsl'], description: 'XSLT 1.0' },
  },
  {
    method: 'get',
    path: 'ldes',
    tag: 'Harvesting',
    access: 'read',
    summary: 'The Linked Data Event Stream: description and first page',
    params: [accept],
    ok: { types: RDF, description: 'The event stream' },
  },
  {
    method: 'get',
    path: 'ldes/page/{n}',
    tag: 'Harvesting',
    access: 'read',
    summary: 'One page of the event stream',
    params: [p('n', 'Page number'), accept],
    ok: { types: RDF, description: 'The page' },
  },
  {
    method: 'get',
    path: 'ldes/version/{seq}',
    tag: 'Harvesting',
    access: 'read',
    summary: 'A record graph as it was after one change',
    params: [p('seq', 'Change-log sequence'), accept],
    ok: { types: RDF, description: 'The version' },
  },
  {
    method: 'get',
    path: 'tpf',
    tag: 'Harvesting',
    access: 'read',
    summary: 'Triple Pattern Fragments with Hydra controls',
    params: [
      q('subject', 'IRI'),
      q('predicate', 'IRI'),
      q('object', 'IRI or literal'),
      q('page', 'Page number from 1'),
      q('format', 'Result format by name'),
      accept,
    ],
    ok: { types: RDF, description: 'One fragment page' },
  },
  // Search and reconciliation
  {
    method: 'get',
    path: 'search',
    tag: 'Search',
    access: 'read',
    summary: 'Fielded, faceted full-text search',
    params: [
      q('q', 'Query text (fields such as title:, creator:; filters type:, lang:, year:)'),
      q('type', 'Class filter', { repeatable: true }),
      q('lang', 'Language filter', { repeatable: true }),
      q('subject', 'Subject filter', { repeatable: true }),
      q('year', 'Year or range'),
      q('expand', 'narrower: subject filters match narrower concepts'),
      q('sort', 'relevance, label, newest or oldest'),
      q('size', 'Hits per page'),
      q('page', 'Page from 1'),
      q('from', 'Offset'),
      q('format', 'jsonld or html'),
      accept,
    ],
    ok: { types: [...JSONLD, ...HTML], description: 'A Hydra collection of hits with facets, or the search page' },
  },
  ...(['get', 'post'] as const).map(
    (method): Operation => ({
      method,
      path: 'reconcile',
      tag: 'Reconciliation',
      access: 'read',
      summary:
        method === 'get'
          ? 'The service manifest, or a batch of queries (queries=) or an extension (extend=)'
          : 'A batch of reconciliation queries or an extension, as OpenRefine posts them',
      params: [q('queries', 'JSON: reconciliation queries'), q('extend', 'JSON: data extension'), q('callback', 'JSONP callback name')],
      ...(method === 'post' ? { body: { types: ['application/x-www-form-urlencoded', 'application/json'], description: 'queries= or extend=' } } : {}),
      ok: { types: [...JSON_TYPE, 'application/javascript'], description: 'Manifest, candidates or extension rows' },
    }),
  ),
  {
    method: 'get',
    path: 'reconcile/properties',
    tag: 'Reconciliation',
    access: 'read',
    summary: 'Properties proposed for data extension',
    params: [q('type', 'Entity type'), q('limit', 'At most this many')],
    ok: { types: JSON_TYPE, description: 'Properties' },
  },
  {
    method: 'get',
    path: 'reconcile/preview',
    tag: 'Reconciliation',
    access: 'read',
    summary: 'A preview card (may be framed by OpenRefine)',
    params: [q('id', 'Entity id', { required: true })],
    ok: { types: HTML, description: 'The card' },
  },
  {
    method: 'get',
    path: 'reconcile/suggest/entity',
    tag: 'Reconciliation',
    access: 'read',
    summary: 'Entities by name prefix',
    params: [q('prefix', 'Name prefix', { required: true }), q('type', 'Entity types, comma-separated')],
    ok: { types: JSON_TYPE, description: 'Suggestions' },
  },
  // Import and jobs
  {
    method: 'post',
    path: '/import',
    tag: 'Import',
    access: 'write',
    summary: 'Import a file (MARC, MARCXML, DataCite, RDF, CSV, ...) as a job',
    params: [
      q('filename', 'Name of the file (its extension picks the reader)'),
      q('format', 'Reader, overriding detection'),
      q('strict', 'true: the job fails if a record is rejected'),
    ],
    body: { types: ['application/octet-stream', '*/*'], description: 'The file', required: true },
    ok: { status: '202', types: JSON_TYPE, description: 'The job (Location: /jobs/{id})' },
  },
  { method: 'get', path: '/jobs', tag: 'Import', access: 'read', summary: 'Recent jobs', ok: { types: JSON_TYPE, description: 'Jobs, newest first' } },
  {
    method: 'get',
    path: '/jobs/{id}',
    tag: 'Import',
    access: 'read',
    summary: 'One job: state, progress, summary',
    params: [p('id', 'Job id')],
    ok: { types: JSON_TYPE, description: 'The job' },
  },
  {
    method: 'delete',
    path: '/jobs/{id}',
    tag: 'Import',
    access: 'write',
    summary: 'Cancel a queued or running job (its uncommitted work is rolled back)',
    params: [p('id', 'Job id')],
    ok: { types: JSON_TYPE, description: 'The queued job, cancelled' },
    also: { '202': 'The running job, being cancelled', '409': 'The job has already ended (JOB_FINISHED)' },
  },
  // Start page and site files
  {
    method: 'get',
    path: '',
    tag: 'Pages',
    access: 'read',
    summary: 'Start page for browsers: what the store holds, a search box, links to every service (404 for clients that do not accept HTML)',
    ok: { types: HTML, description: 'The start page' },
  },
  {
    method: 'get',
    path: 'assets/libkg.css',
    tag: 'Pages',
    access: 'public',
    summary: 'The pages’ style sheet',
    ok: { types: ['text/css'], description: 'CSS' },
  },
  { method: 'get', path: 'favicon.svg', tag: 'Pages', access: 'public', summary: 'The site icon (SVG)', ok: { types: ['image/svg+xml'], description: 'Icon' } },
  { method: 'get', path: 'favicon.ico', tag: 'Pages', access: 'public', summary: 'The site icon (ICO)', ok: { types: ['image/x-icon'], description: 'Icon' } },
  {
    method: 'get',
    path: '/robots.txt',
    tag: 'Pages',
    access: 'public',
    summary: 'Crawler rules naming the sitemap',
    ok: { types: ['text/plain'], description: 'robots.txt' },
  },
  // Operations
  {
    method: 'get',
    path: '/health',
    tag: 'Operations',
    access: 'public',
    summary: 'Readiness: store size, quad budget, engine states (503 while no engine is ready)',
    ok: { types: JSON_TYPE, description: 'Ready' },
  },
  { method: 'get', path: '/health/live', tag: 'Operations', access: 'public', summary: 'Liveness', ok: { types: JSON_TYPE, description: 'Alive' } },
  {
    method: 'get',
    path: '/metrics',
    tag: 'Operations',
    access: 'read',
    summary: 'Metrics in the Prometheus text format',
    ok: { types: ['text/plain'], description: 'Metrics' },
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Operations',
    access: 'public',
    summary: 'This description of the HTTP API (OpenAPI 3.1)',
    ok: { types: JSON_TYPE, description: 'The OpenAPI document' },
  },
];
