/** Operational surfaces: import and jobs, the start page and site files, health, metrics and this document. */
import { HTML, JSON_TYPE, type Operation, p, q } from './operation-kit.js';

export const OPS_OPERATIONS: Operation[] = [
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
