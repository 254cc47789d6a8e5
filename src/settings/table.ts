/**
 * Every setting libkg reads, declared once. Config resolution (flags >
 * environment > defaults), the `Config` type, each command's --help and the
 * README's settings table (`npm run docs:settings`) are all made from this
 * table: a new setting is one entry here.
 */
import { baseIri, bytes, email, flag, httpUrl, int, type Kind, list, oneOf, path, seconds, text } from './kinds.js';
import { QUERY_REWRITES, rewriteSwitches } from './query-rewrites.js';

/** Subcommands that read settings (their --help lists the ones they read). */
export const COMMANDS = ['serve', 'import', 'dump', 'restore', 'reindex', 'stats', 'check', 'repair', 'token'] as const;
export type Command = (typeof COMMANDS)[number];
const EVERY = COMMANDS;
const SERVE = ['serve'] as const;

/** Sections of the README table and of --help, in this order. */
export const GROUPS = {
  storage: 'Data dir and identity',
  server: 'HTTP server',
  access: 'Access',
  queries: 'Query answering',
  'query-shape': 'Query shape limits (a query over one gets 400 `QUERY_TOO_COMPLEX` before any engine sees it; `docs/decisions/0006-query-shape-limits.md`)',
  import: 'Import',
  limits: 'Size limits',
  remote: 'Remote SPARQL store (`docs/decisions/0005-remote-store.md`)',
} as const;
export type Group = keyof typeof GROUPS;

export interface Setting<T, G extends Group = Group> {
  group: G;
  /** Names the setting in error messages ("port must be …"). */
  label: string;
  env: string;
  kind: Kind<T>;
  default: T;
  /** Shown instead of the default's value where the default depends on something else. */
  defaultText?: string;
  /** A default computed from the other settings once they are known (undefined: keep `default`). */
  derive?: (others: Readonly<Record<string, unknown>>) => T | undefined;
  /** The command-line flag; `negates` makes a bare `--no-…` flag that sets false. */
  flag?: { name: string; negates?: true; commands?: readonly Command[] };
  /** The commands that read it; a flag is accepted by these (or by `flag.commands`). */
  commands: readonly Command[];
  /** One line for --help and the README. */
  help: string;
  /** More for the README only (markdown). */
  more?: string;
}

/** Keeps each entry's value type and group literal, so `Config` can be inferred from the table. */
const setting = <T, const G extends Group>(s: Setting<T, G>): Setting<T, G> => s;

const limit = (env: string, def: number, help: string, more?: string) =>
  setting({ group: 'query-shape', label: env, env, kind: int(1, 2 ** 31), default: def, commands: SERVE, help, more });

export const SETTINGS = {
  dataDir: setting({
    group: 'storage',
    label: 'data dir',
    env: 'LIBKG_DATA_DIR',
    kind: path('DIR'),
    default: './data',
    flag: { name: 'data-dir' },
    commands: EVERY,
    help: 'data directory: journal (libkg.sqlite), dump cache',
  }),
  baseIri: setting({
    group: 'storage',
    label: 'base IRI',
    env: 'LIBKG_BASE_IRI',
    kind: baseIri,
    default: 'http://localhost:8080/',
    defaultText: "the data dir's, else `http://localhost:<port>/`",
    // A new dataset's default base is where the server answers: --port 9000 mints http://localhost:9000/…
    // (port 0 lets the OS pick, so there is nothing to follow).
    derive: (c) => (c.port !== 0 ? `http://localhost:${c.port}/` : undefined),
    flag: { name: 'base-iri' },
    commands: EVERY,
    help: 'base of minted IRIs; a data dir records the first one it is served or imported under and keeps it',
    more: '(`docs/iri-patterns.md`, and below)',
  }),
  quadBudget: setting({
    group: 'storage',
    label: 'quad budget',
    env: 'LIBKG_QUAD_BUDGET',
    // The WASM engine fills near 12.9 M short quads (docs/decisions/0002-quad-budget.md); keep well below.
    kind: int(1, 12_000_000),
    default: 8_000_000,
    flag: { name: 'quad-budget' },
    commands: EVERY,
    help: 'largest number of quads the store accepts; writes past it are refused (HTTP 507)',
    more: '(`docs/decisions/0002-quad-budget.md`)',
  }),
  searchIndex: setting({
    group: 'storage',
    label: 'search index',
    env: 'LIBKG_SEARCH_INDEX',
    kind: path('FILE'),
    default: '',
    defaultText: '`<data-dir>/search.sqlite`',
    flag: { name: 'search-index', commands: ['reindex'] },
    commands: ['serve', 'reindex'],
    help: 'the search index file (derived data: delete it to rebuild)',
  }),
  port: setting({
    group: 'server',
    label: 'port',
    env: 'LIBKG_PORT',
    kind: int(0, 65535),
    default: 8080,
    flag: { name: 'port' },
    commands: SERVE,
    help: 'port to listen on',
  }),
  host: setting({
    group: 'server',
    label: 'host',
    env: 'LIBKG_HOST',
    kind: text('HOST'),
    default: '0.0.0.0',
    flag: { name: 'host' },
    commands: SERVE,
    help: 'interface to listen on',
  }),
  logLevel: setting({
    group: 'server',
    label: 'log level',
    env: 'LIBKG_LOG_LEVEL',
    kind: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    flag: { name: 'log-level' },
    commands: SERVE,
    help: "pino level (debug adds Fastify's own request lines); JSON lines unless stdout is a terminal",
  }),
  requestLog: setting({
    group: 'server',
    label: 'request log',
    env: 'LIBKG_REQUEST_LOG',
    kind: flag('on|off'),
    default: true,
    flag: { name: 'request-log' },
    commands: SERVE,
    help: 'one info line per request (method, URL, status, ms); off for benchmarks',
    more: '; JSON lines unless stdout is a terminal, where `libkg serve` prints a start message and short lines',
  }),
  loadDemo: setting({
    group: 'server',
    label: 'load demo',
    env: 'LIBKG_LOAD_DEMO',
    kind: flag(),
    default: true,
    flag: { name: 'no-demo', negates: true },
    commands: SERVE,
    help: 'load fixtures/ (the demo data) into an empty store on first start',
  }),
  oaiAdminEmail: setting({
    group: 'server',
    label: 'OAI admin e-mail',
    env: 'LIBKG_OAI_ADMIN_EMAIL',
    kind: email,
    default: '',
    defaultText: '`admin@<base IRI host>` (`admin@localhost.localdomain` for localhost or an IP address)',
    commands: SERVE,
    help: 'the adminEmail OAI-PMH Identify gives harvesters',
  }),
  writeTokens: setting({
    group: 'access',
    label: 'write tokens',
    env: 'LIBKG_WRITE_TOKENS',
    kind: list('TOKENS'),
    default: [] as string[],
    commands: SERVE,
    help: 'comma-separated write tokens (containers), besides the hashed ones of `libkg token create`',
  }),
  lingerMs: setting({
    group: 'access',
    label: 'linger',
    env: 'LIBKG_LINGER_MS',
    kind: int(0, 60_000, 'MS'),
    default: 1000,
    commands: SERVE,
    help: "milliseconds a refused upload's connection stays half-open, discarding what still arrives, so the 401 reaches the client before the close",
  }),
  publicReads: setting({
    group: 'access',
    label: 'public reads',
    env: 'LIBKG_PUBLIC_READS',
    kind: flag(),
    default: true,
    commands: SERVE,
    help: 'false makes reads (queries, GET) need a token too',
  }),
  engines: setting({
    group: 'queries',
    label: 'engines',
    env: 'LIBKG_ENGINES',
    kind: int(1, 8),
    default: 2,
    flag: { name: 'engines' },
    commands: SERVE,
    help: 'Oxigraph engines (worker threads), each a full in-memory copy',
  }),
  queryTimeoutMs: setting({
    group: 'queries',
    label: 'query timeout (seconds)',
    env: 'LIBKG_QUERY_TIMEOUT',
    kind: seconds(1, 86_400),
    default: 30_000,
    flag: { name: 'query-timeout' },
    commands: SERVE,
    help: "seconds before a query's engine is stopped and replaced",
  }),
  maxResultBytes: setting({
    group: 'queries',
    label: 'max result bytes',
    env: 'LIBKG_MAX_RESULT_BYTES',
    kind: bytes(1024, 2 ** 31),
    default: 256 * 1024 * 1024,
    flag: { name: 'max-result-bytes' },
    commands: SERVE,
    help: 'largest serialized query result, in bytes',
  }),
  engineNice: setting({
    group: 'queries',
    label: 'engine nice',
    env: 'LIBKG_ENGINE_NICE',
    kind: int(0, 19),
    default: 10,
    commands: SERVE,
    help: "nice of the engine threads, so a long query cannot starve the HTTP thread (0 = the HTTP thread's priority)",
  }),
  queryRewrites: setting({
    group: 'queries',
    label: 'query rewrites',
    env: 'LIBKG_QUERY_REWRITES',
    kind: rewriteSwitches,
    default: QUERY_REWRITES,
    commands: SERVE,
    help: "algebra rewrites of queries Oxigraph's planner misses: on, off, a list of rewrites, or on,-NAME (all but one; to compare or rule one out)",
    more: `(\`src/store/optimize/\`; names: ${QUERY_REWRITES.map((r) => `\`${r}\``).join(', ')})`,
  }),
  resultCache: setting({
    group: 'queries',
    label: 'result cache',
    env: 'LIBKG_RESULT_CACHE',
    kind: flag('on|off'),
    default: true,
    commands: SERVE,
    help: 'answer a repeated query from a cache kept until the next write (off: for benchmarks)',
  }),
  analytical: setting({
    group: 'queries',
    label: 'analytical path',
    env: 'LIBKG_ANALYTICAL',
    kind: oneOf(['off', 'auto', 'force']),
    default: 'off',
    commands: SERVE,
    help: 'a second, vectorised query path on DuckDB for SELECT/ASK it answers exactly (auto: when the planner says it pays; force: whenever it can, for tests)',
    more: '(`src/store/analytical/`, `docs/decisions/0007-analytical-engine.md`)',
  }),
  analyticalMinRows: setting({
    group: 'queries',
    label: 'analytical minimum rows',
    env: 'LIBKG_ANALYTICAL_MIN_ROWS',
    kind: int(0, 2 ** 31),
    default: 20_000,
    commands: SERVE,
    help: 'with LIBKG_ANALYTICAL=auto, a query goes to DuckDB only when one of its triple patterns reads at least this many quads (predicate statistics)',
  }),
  maxQueryChars: limit(
    'LIBKG_MAX_QUERY_CHARS',
    128 * 1024,
    'longest SPARQL query or GraphQL document in characters (updates: the body limit), checked before parsing',
  ),
  maxQueryDepth: limit(
    'LIBKG_MAX_QUERY_DEPTH',
    200,
    'deepest nesting of `{ ( [` in a query or update text (before parsing) and of groups and operators once parsed',
  ),
  maxTriplePatterns: limit(
    'LIBKG_MAX_TRIPLE_PATTERNS',
    500,
    "triple patterns in a query or in an update's WHERE and templates (INSERT DATA is data, not counted)",
  ),
  maxUnionBranches: limit('LIBKG_MAX_UNION_BRANCHES', 1000, 'UNION branches in a query, all UNIONs together'),
  maxValuesRows: limit('LIBKG_MAX_VALUES_ROWS', 10_000, 'VALUES rows in a query, all blocks together (before `text:query` adds its own)'),
  maxExpressionNodes: limit(
    'LIBKG_MAX_EXPRESSION_NODES',
    2000,
    "operators and function calls in a query's expressions",
    '(a FILTER of 1,000 `||`ed equalities is 1,999)',
  ),
  maxGraphqlFields: limit('LIBKG_MAX_GRAPHQL_FIELDS', 500, 'fields a GraphQL-LD query selects, fragments expanded'),
  maxGraphqlDepth: limit('LIBKG_MAX_GRAPHQL_DEPTH', 15, 'nesting of GraphQL-LD selection sets'),
  bodyLimit: setting({
    group: 'limits',
    label: 'body limit',
    env: 'LIBKG_BODY_LIMIT',
    kind: bytes(1024, 2 ** 31),
    default: 64 * 1024 * 1024,
    flag: { name: 'body-limit' },
    commands: SERVE,
    help: 'largest request body, in bytes',
  }),
  importMaxInflatedBytes: setting({
    group: 'import',
    label: 'import max inflated bytes',
    env: 'LIBKG_IMPORT_MAX_INFLATED',
    kind: bytes(1024, 2 ** 45),
    default: 2 * 1024 * 1024 * 1024,
    commands: ['serve', 'import'],
    help: 'largest decompressed size of one imported .gz file (gzip bombs); past it the file is rejected',
  }),
  importMaxTokenBytes: setting({
    group: 'import',
    label: 'import max token bytes',
    env: 'LIBKG_IMPORT_MAX_TOKEN',
    kind: bytes(1024, 2 ** 31),
    // The N3 lexer is quadratic on one token: 1 MiB parses in 0.3 s, 4 MiB in 2.8 s, 16 MiB in 47 s.
    default: 1024 * 1024,
    commands: ['serve', 'import'],
    help: 'longest token (IRI, literal, name) in an imported Turtle/TriG/N-Triples/N-Quads file',
    more: '; the N3 lexer is quadratic on one token (1 MiB: 0.3 s, 16 MiB: 47 s)',
  }),
  importLinks: setting({
    group: 'import',
    label: 'import links',
    env: 'LIBKG_IMPORT_LINKS',
    kind: flag('on|off'),
    default: true,
    flag: { name: 'no-link', negates: true },
    commands: ['import'],
    help: 'run the linking steps after `libkg import` wrote something: subject concepts to thesauri (as an HTTP import does), then the shipped link specs (mappings/links/)',
    more: '; they need one query engine, rebuilt from the journal (about 170k quads/s), so bulk loads may turn them off',
  }),
  jobConcurrency: setting({
    group: 'import',
    label: 'job concurrency',
    env: 'LIBKG_JOB_CONCURRENCY',
    kind: int(1, 16),
    default: 1,
    commands: SERVE,
    help: 'jobs (imports, link runs) that run at once; the others wait in the queue, which survives a restart',
  }),
  searchMaxPageSize: setting({
    group: 'limits',
    label: 'search max page size',
    env: 'LIBKG_SEARCH_MAX_PAGE_SIZE',
    kind: int(1, 10_000),
    default: 100,
    commands: SERVE,
    help: 'largest `size` a search page may ask for',
  }),
  searchConceptDepth: setting({
    group: 'limits',
    label: 'search concept depth',
    env: 'LIBKG_SEARCH_CONCEPT_DEPTH',
    kind: int(0, 20),
    default: 2,
    commands: SERVE,
    help: 'levels of narrower SKOS concepts a search naming a concept also finds (0: the concept only), ranked below direct hits',
  }),
  clusterListLimit: setting({
    group: 'limits',
    label: 'cluster list limit',
    env: 'LIBKG_CLUSTER_LIST_LIMIT',
    kind: int(1, 10_000),
    default: 100,
    commands: SERVE,
    help: "members of an owl:sameAs cluster, and works of a person's cluster, listed on an entity document",
  }),
  remoteSparql: setting({
    group: 'remote',
    label: 'remoteSparql',
    env: 'LIBKG_REMOTE_SPARQL',
    kind: httpUrl,
    default: '',
    flag: { name: 'remote-sparql' },
    commands: SERVE,
    help: "answer queries from this SPARQL 1.1 endpoint (e.g. Virtuoso's /sparql) instead of engines; the journal stays the truth and is mirrored to it",
  }),
  remoteUpdate: setting({
    group: 'remote',
    label: 'remoteUpdate',
    env: 'LIBKG_REMOTE_UPDATE',
    kind: httpUrl,
    default: '',
    defaultText: 'the query URL',
    flag: { name: 'remote-update' },
    commands: SERVE,
    help: "the remote's SPARQL Update endpoint",
  }),
  remoteGraphStore: setting({
    group: 'remote',
    label: 'remoteGraphStore',
    env: 'LIBKG_REMOTE_GRAPH_STORE',
    kind: httpUrl,
    default: '',
    defaultText: "Virtuoso's `/sparql-graph-crud` beside the query URL",
    flag: { name: 'remote-graph-store' },
    commands: SERVE,
    help: "the remote's Graph Store Protocol endpoint",
  }),
  remoteUser: setting({
    group: 'remote',
    label: 'remote user',
    env: 'LIBKG_REMOTE_USER',
    kind: text('USER'),
    default: '',
    commands: SERVE,
    help: 'HTTP Basic user name for the remote',
  }),
  remotePassword: setting({
    group: 'remote',
    label: 'remote password',
    env: 'LIBKG_REMOTE_PASSWORD',
    kind: text('PASSWORD'),
    default: '',
    commands: SERVE,
    help: 'HTTP Basic password for the remote',
  }),
};

export type Settings = typeof SETTINGS;
export type SettingKey = keyof Settings;
