// Layer rules of docs/architecture.md, checked on the imports (`npm run lint:deps`, part of `npm run lint`).
// A rule broken on purpose must change here and in docs/architecture.md together.

const INFRASTRUCTURE = '^src/(store|rdf|auth|workers|settings)/|^src/(errors|config|own|vocab)\\.ts$';
const DATA = '^src/(ingest|search)/';
const SERVICES = '^src/(http|cli|jobs|links)/|^src/app\\.ts$';
/** A protocol surface: any folder of src/http but the shared kit. */
const SURFACE = '^src/http/(?!kit/)[^/]+/';
/** The shared HTTP code: the kit, and the files still at the root of src/http. */
const HTTP_SHARED = '^src/http/(kit/|[^/]+$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Folders depend on each other one way only (a folder counts with its subfolders).',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'No file reaches itself through its imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'infrastructure-is-the-floor',
      comment: 'Infrastructure (store, rdf, auth, workers, settings, errors, config, own, vocab) imports neither data resources nor service applications.',
      severity: 'error',
      from: { path: INFRASTRUCTURE },
      to: { path: `${DATA}|${SERVICES}` },
    },
    {
      name: 'data-below-services',
      comment: 'Data resources (ingest, search) import no service application.',
      severity: 'error',
      from: { path: DATA },
      to: { path: SERVICES },
    },
    {
      name: 'http-and-jobs-not-cli',
      comment: 'The CLI starts the server and the job queue, never the other way round; jobs do not know HTTP.',
      severity: 'error',
      from: { path: '^src/(http|jobs)/' },
      to: { path: '^src/cli/|^src/app\\.ts$' },
    },
    {
      name: 'jobs-not-http',
      comment: 'The job queue is used by the HTTP surfaces and the CLI; it does not know them.',
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'no-surface-imports-another',
      comment: 'Each surface is one folder of src/http; what two surfaces share lives in src/http/kit/.',
      severity: 'error',
      from: { path: '^src/http/(?!kit/)([^/]+)/' },
      to: { path: SURFACE, pathNot: '^src/http/$1/' },
    },
    {
      name: 'kit-imports-no-surface',
      comment: 'The kit serves every surface and knows none of them.',
      severity: 'error',
      from: { path: HTTP_SHARED },
      to: { path: SURFACE },
    },
    {
      name: 'surfaces-registered-in-app',
      comment: 'Outside src/http only src/app.ts, which registers every surface, imports one.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/http/|^src/app\\.ts$' },
      to: { path: SURFACE },
    },
    {
      name: 'oxigraph-only-in-store',
      comment: 'Oxigraph types and engines stay inside src/store (the QuadStore port speaks RDF/JS); src/rdf/rdf-xml.ts borrows its RDF/XML writer.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/|^src/rdf/rdf-xml\\.ts$' },
      to: { path: '(^|/)node_modules/oxigraph/' },
    },
    {
      name: 'duckdb-only-in-analytical',
      comment: 'DuckDB stays inside src/store/analytical (the analytical path, docs/decisions/0007); the rest reaches it through the QueryBackend seam.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/analytical/' },
      to: { path: '(^|/)node_modules/@duckdb/' },
    },
    {
      name: 'analytical-behind-the-seam',
      comment: 'Only the store opener wires the analytical path in; no other part of libkg knows which path answered.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/analytical/|^src/cli/open-store\\.ts$' },
      to: { path: '^src/store/analytical/' },
    },
    {
      name: 'bin-only-calls-cli-main',
      comment: 'bin/libkg.js is a thin entry: it calls the compiled CLI and nothing else.',
      severity: 'error',
      from: { path: '^bin/' },
      to: { pathNot: '(^|/)dist/cli/main\\.js$' },
    },
  ],
  options: {
    // bin/ reaches the compiled CLI in dist/: the edge is checked, dist/ itself is not read.
    doNotFollow: { path: ['node_modules', '^dist/'] },
    // Type-only imports couple folders too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
