/**
 * The error catalogue: every error libkg reports has a stable code, an HTTP
 * status and a title. HTTP renders them as RFC 9457 problem+json; the CLI
 * prints `code: detail` and exits with the catalogue's exit code.
 */
export const ERRORS = {
  CONFIG_INVALID: { status: 500, exit: 2, title: 'Invalid configuration' },
  /** The data dir's recorded base IRI differs from the one given, or from where the server listens (src/cli/base-iri.ts). */
  BASE_IRI_MISMATCH: { status: 500, exit: 2, title: 'Base IRI differs from the data dir' },
  USAGE: { status: 400, exit: 2, title: 'Invalid command usage' },
  BAD_REQUEST: { status: 400, exit: 2, title: 'Bad request' },
  QUERY_SYNTAX: { status: 400, exit: 2, title: 'SPARQL syntax error' },
  /** A /search (or text:query) query that is malformed: `position` is the character (from 1) where it goes wrong. */
  SEARCH_SYNTAX: { status: 400, exit: 2, title: 'Search query syntax error' },
  UPDATE_SYNTAX: { status: 400, exit: 2, title: 'SPARQL Update syntax error' },
  RDF_SYNTAX: { status: 400, exit: 3, title: 'RDF syntax error' },
  /** An IRI that is not an absolute RFC 3987 IRI (space, <>"{}|^`\\, control characters, bad %-escape, no scheme). */
  INVALID_IRI: { status: 400, exit: 3, title: 'Invalid IRI' },
  /** A body whose bytes are not valid in its charset (UTF-8 unless the Content-Type says otherwise). */
  INVALID_ENCODING: { status: 400, exit: 3, title: 'Invalid character encoding' },
  UNSUPPORTED_FORMAT: { status: 415, exit: 2, title: 'Unsupported media type' },
  UNSUPPORTED_CHARSET: { status: 415, exit: 2, title: 'Unsupported charset' },
  NOT_ACCEPTABLE: { status: 406, exit: 2, title: 'Not acceptable' },
  UNAUTHORIZED: { status: 401, exit: 4, title: 'Write access needs a bearer token' },
  NOT_FOUND: { status: 404, exit: 5, title: 'Not found' },
  GONE: { status: 410, exit: 5, title: 'Gone' },
  METHOD_NOT_ALLOWED: { status: 405, exit: 2, title: 'Method not allowed' },
  UPDATE_UNSUPPORTED: { status: 501, exit: 2, title: 'Update operation not supported' },
  QUOTA_EXCEEDED: { status: 507, exit: 6, title: 'Quad budget exceeded' },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 2, title: 'Request body too large' },
  RESULT_TOO_LARGE: { status: 413, exit: 2, title: 'Result too large' },
  GRAPH_TOO_LARGE: { status: 413, exit: 3, title: 'Graph too large for one record graph' },
  QUERY_TIMEOUT: { status: 503, exit: 7, title: 'Query timed out' },
  ENGINE_UNAVAILABLE: { status: 503, exit: 7, title: 'Query engine unavailable' },
  REMOTE_UNAVAILABLE: { status: 503, exit: 7, title: 'Remote SPARQL endpoint unavailable' },
  REMOTE_FAILED: { status: 502, exit: 7, title: 'Remote SPARQL endpoint failed' },
  QUERY_FAILED: { status: 400, exit: 2, title: 'Query evaluation failed' },
  /** A query over a shape limit (nesting, triple patterns, UNION branches, VALUES rows, expressions, GraphQL fields): refused before any engine sees it. */
  QUERY_TOO_COMPLEX: { status: 400, exit: 2, title: 'Query too complex' },
  /** The engine broke while evaluating (a WASM trap, stack exhaustion); it was retired and is being replaced. */
  ENGINE_FAILED: { status: 500, exit: 7, title: 'Query engine failed' },
  DATA_DIR_LOCKED: { status: 409, exit: 8, title: 'Data directory in use' },
  RECORD_REJECTED: { status: 422, exit: 3, title: 'Record rejected' },
  /** An import file past a named limit (decompressed size, token length): the file is rejected. */
  IMPORT_LIMIT: { status: 413, exit: 3, title: 'Import limit exceeded' },
  /** A job stopped by `DELETE /jobs/{id}` or by shutdown; what it had not committed was rolled back. */
  JOB_CANCELLED: { status: 409, exit: 1, title: 'Job cancelled' },
  /** `DELETE /jobs/{id}` on a job that already ended. */
  JOB_FINISHED: { status: 409, exit: 2, title: 'Job already finished' },
  /** A link spec (mappings/links/*.yaml) that does not parse or validate: the message names the file, the line and the key. */
  LINK_SPEC_INVALID: { status: 400, exit: 2, title: 'Invalid link specification' },
  /** A job that was queued or running when the server stopped; reported as failed on the next start. */
  INTERRUPTED: { status: 500, exit: 1, title: 'Interrupted by a server stop' },
  INTERNAL: { status: 500, exit: 1, title: 'Internal error' },
} as const satisfies Record<string, { status: number; exit: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class LibkgError extends Error {
  readonly code: ErrorCode;
  readonly extra: Record<string, unknown>;

  constructor(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(detail, options);
    this.name = 'LibkgError';
    this.code = code;
    this.extra = extra;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  get exitCode(): number {
    return ERRORS[this.code].exit;
  }

  /** RFC 9457 problem details; `type` is a stable URN per code. */
  toProblem(instance?: string): Record<string, unknown> {
    return {
      type: `urn:libkg:error:${this.code}`,
      title: ERRORS[this.code].title,
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }
}

export const isLibkgError = (e: unknown): e is LibkgError => e instanceof LibkgError;

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERRORS, code);

/** The catalogue code of any thrown value: a LibkgError's own, INTERNAL for everything else (a Node or library error's `code` is not ours). */
export const errorCodeOf = (e: unknown): ErrorCode => (e instanceof LibkgError ? e.code : 'INTERNAL');

/** An error sent between threads as plain data, back as a LibkgError; a code outside the catalogue becomes INTERNAL. */
export function errorFromWire(e: { code?: string; message: string; extra?: Record<string, unknown> }): LibkgError {
  return isErrorCode(e.code) ? new LibkgError(e.code, e.message, e.extra ?? {}) : new LibkgError('INTERNAL', e.message);
}
