/**
 * SPARQL 1.1 Protocol requests to a remote engine (query and update over POST),
 * with their failures mapped to libkg error codes.
 */
import { LibkgError } from '../../errors.js';

export interface RemoteEndpoint {
  /** SPARQL 1.1 query endpoint. */
  endpoint: string;
  /** SPARQL 1.1 update endpoint (default: the query endpoint, as Virtuoso's /sparql). */
  updateEndpoint?: string;
  /** Graph Store Protocol endpoint (Virtuoso: /sparql-graph-crud, derived when absent); bulk writes go there. */
  graphStoreEndpoint?: string;
  /** HTTP Basic credentials, when the endpoint needs them. */
  user?: string;
  password?: string;
}

export interface RemoteQuery {
  text: string;
  accept: string;
  defaultGraphs?: string[];
  namedGraphs?: string[];
  timeoutMs: number;
  /** Virtuoso's own limit, in ms: it then stops the work itself (an aborted HTTP request does not). */
  engineTimeoutMs?: number;
}

export class SparqlClient {
  /** The remote's Server header, read on the first answer (tells Virtuoso apart). */
  server = '';

  constructor(readonly remote: RemoteEndpoint) {}

  private headers(accept: string): Record<string, string> {
    const h: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', accept };
    if (this.remote.user !== undefined) h.authorization = `Basic ${Buffer.from(`${this.remote.user}:${this.remote.password ?? ''}`).toString('base64')}`;
    return h;
  }

  private async post(
    url: string,
    form: URLSearchParams | string,
    accept: string,
    timeoutMs: number,
    what: 'query' | 'update',
    method = 'POST',
    contentType?: string,
  ): Promise<Response> {
    let res: Response;
    try {
      const headers = this.headers(accept);
      if (contentType) headers['content-type'] = contentType;
      res = await fetch(url, { method, headers, body: form, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      if (err.name === 'TimeoutError') {
        const seconds = timeoutMs / 1000;
        throw new LibkgError('QUERY_TIMEOUT', `the remote ${what} ran longer than ${seconds} s and was stopped`, { timeoutSeconds: seconds });
      }
      throw new LibkgError('REMOTE_UNAVAILABLE', `the remote SPARQL endpoint ${url} cannot be reached (${err.cause?.code ?? err.message})`, { endpoint: url });
    }
    this.server ||= res.headers.get('server') ?? '';
    if (res.ok) return res;
    const body = (await res.text().catch(() => '')).slice(0, 2000).trim();
    // Updates are libkg's own mirroring writes: their refusal is the remote's (rights, limits), not the client's.
    if (what === 'update') {
      const hint =
        /SECURITY|permission/i.test(body) || res.status === 401 || res.status === 403
          ? ' (does its user have update rights, e.g. Virtuoso SPARQL_UPDATE?)'
          : '';
      throw new LibkgError('REMOTE_FAILED', `the remote SPARQL endpoint refused a write${hint}: ${body.slice(0, 500)}`, {
        endpoint: url,
        remoteStatus: res.status,
      });
    }
    if (res.status === 400 || (res.status === 500 && /SPARQL|SP0\d\d|37000|42000|22023/.test(body))) {
      throw new LibkgError('QUERY_FAILED', `the remote engine refused the ${what}: ${body}`);
    }
    const code = res.status === 502 || res.status === 503 || res.status === 504 ? 'REMOTE_UNAVAILABLE' : 'REMOTE_FAILED';
    throw new LibkgError(code, `the remote SPARQL endpoint ${url} answered ${res.status}: ${body}`, { endpoint: url, remoteStatus: res.status });
  }

  /** Runs a query; the answer's body as text. */
  async query(q: RemoteQuery): Promise<string> {
    const form = new URLSearchParams({ query: q.text });
    for (const g of q.defaultGraphs ?? []) form.append('default-graph-uri', g);
    for (const g of q.namedGraphs ?? []) form.append('named-graph-uri', g);
    if (q.engineTimeoutMs) form.set('timeout', String(q.engineTimeoutMs));
    const res = await this.post(this.remote.endpoint, form, q.accept, q.timeoutMs, 'query');
    // Virtuoso's "anytime" answer: past its timeout it returns what it has with 200; a partial answer is a wrong one.
    if (res.headers.get('x-sql-state') === 'S1TAT') {
      await res.body?.cancel();
      const seconds = (q.engineTimeoutMs ?? q.timeoutMs) / 1000;
      throw new LibkgError('QUERY_TIMEOUT', `the remote query ran longer than ${seconds} s and was stopped`, { timeoutSeconds: seconds });
    }
    return res.text();
  }

  /** Graph Store Protocol PUT (replace) or POST (add) of N-Triples into one graph. */
  async graphStore(url: string, method: 'PUT' | 'POST', graph: string, ntriples: string, timeoutMs: number): Promise<void> {
    const res = await this.post(`${url}?graph=${encodeURIComponent(graph)}`, ntriples, '*/*', timeoutMs, 'update', method, 'application/n-triples');
    await res.text();
  }

  /** Runs a SPARQL Update request (all its operations in one request). */
  async update(text: string, timeoutMs: number): Promise<void> {
    const res = await this.post(this.remote.updateEndpoint ?? this.remote.endpoint, new URLSearchParams({ update: text }), '*/*', timeoutMs, 'update');
    await res.text();
  }
}
