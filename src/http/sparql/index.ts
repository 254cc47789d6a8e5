import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { LibkgError } from '../../errors.js';
import type { QuadStore, ResultFormat } from '../../store/port.js';
import { GRAPH_FORMATS, isSolutionForm, queryForm, SOLUTION_FORMATS } from '../../store/query-form.js';

export interface SparqlOptions {
  store: QuadStore;
  requireWrite: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Picks a result format from `format=` or Accept (first acceptable in the client's order; q-values come with the SPARQL issue). */
function negotiate(form: ReturnType<typeof queryForm>, accept: string | undefined, format: string | undefined): ResultFormat {
  const allowed = isSolutionForm(form) ? SOLUTION_FORMATS : GRAPH_FORMATS;
  const wanted = format ? [format] : (accept ?? '*/*').split(',').map((s) => s.split(';')[0]?.trim() ?? '');
  for (const w of wanted) {
    if (w === '*/*' || w === 'application/*' || w === '') return allowed[0] as ResultFormat;
    const hit = allowed.find((a) => a === w || (w === 'application/json' && a === 'application/sparql-results+json'));
    if (hit) return hit;
  }
  throw new LibkgError('NOT_ACCEPTABLE', `no acceptable result format for ${form}; offered: ${allowed.join(', ')}`);
}

/** SPARQL 1.1 Protocol: query by GET/POST, update by POST (token required). */
export const sparqlPlugin: FastifyPluginAsync<SparqlOptions> = async (app, { store, requireWrite }) => {
  app.addContentTypeParser(['application/sparql-query', 'application/sparql-update'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const answer = async (req: FastifyRequest, reply: FastifyReply, query: string, params: Record<string, unknown>) => {
    const form = queryForm(query);
    const format = negotiate(form, req.headers.accept, params.format as string | undefined);
    const result = await store.query(query, {
      format,
      defaultGraphs: list(params['default-graph-uri']),
      namedGraphs: list(params['named-graph-uri']),
    });
    reply.header('Vary', 'Accept').type(`${result.mediaType}; charset=utf-8`);
    return result.body;
  };

  app.get('/sparql', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    if (typeof q.query !== 'string') throw new LibkgError('BAD_REQUEST', 'missing the query parameter');
    return answer(req, reply, q.query, q);
  });

  app.post('/sparql', async (req, reply) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    const qs = req.query as Record<string, unknown>;
    if (type === 'application/sparql-query') return answer(req, reply, String(req.body), qs);
    if (type === 'application/x-www-form-urlencoded') {
      const body = req.body as Record<string, unknown>;
      if (typeof body.query === 'string') return answer(req, reply, body.query, body);
      if (typeof body.update === 'string') {
        await requireWrite(req, reply);
        const r = await store.update(body.update, { usingGraphs: list(body['using-graph-uri']), usingNamedGraphs: list(body['using-named-graph-uri']) });
        return reply.status(200).send({ ok: true, ...r });
      }
      throw new LibkgError('BAD_REQUEST', 'the form needs a query or an update parameter');
    }
    if (type === 'application/sparql-update') {
      await requireWrite(req, reply);
      const r = await store.update(String(req.body), { usingGraphs: list(qs['using-graph-uri']), usingNamedGraphs: list(qs['using-named-graph-uri']) });
      return reply.status(200).send({ ok: true, ...r });
    }
    throw new LibkgError(
      'UNSUPPORTED_FORMAT',
      `POST /sparql takes application/sparql-query, application/sparql-update or application/x-www-form-urlencoded, not ${type || 'no content type'}`,
    );
  });
};
