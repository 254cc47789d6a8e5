/**
 * Review decisions over HTTP. `POST /links/decisions` (token, checked before the body is read)
 * `{"spec","source","target","decision":"accept"|"reject"|"undo"}` records a decision and changes
 * the link graph at once (src/links/decide.ts); `GET /links/decisions?spec=…` lists them (JSON) or,
 * with `format=csv`, writes the accepted pairs as the truth file `libkg link eval --truth` reads.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { hashToken } from '../../auth/tokens.js';
import { LibkgError } from '../../errors.js';
import { type DecisionVerb, decideLink } from '../../links/decide.js';
import { listLinkSpecs, loadLinkSpec } from '../../links/spec-file.js';
import { truthCsv } from '../../links/truth.js';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardRoute } from '../kit/access.js';

export interface DecisionsOptions {
  store: QuadStore;
  baseIri: string;
  timeoutMs?: number;
  requireWrite: Guard;
  requireRead?: Guard;
}

const VERBS: DecisionVerb[] = ['accept', 'reject', 'undo'];

/** A shipped spec id, or a 400 naming the parameter. */
export function specParameter(raw: unknown) {
  const specs = listLinkSpecs();
  if (typeof raw !== 'string' || !specs.includes(raw))
    throw new LibkgError('BAD_REQUEST', `spec must name a link spec, one of: ${specs.join(', ')}`, { parameter: 'spec' });
  return loadLinkSpec(raw).spec;
}

function stringField(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  if (typeof v !== 'string' || !v) throw new LibkgError('BAD_REQUEST', `${name} must be a non-empty string`, { parameter: name });
  return v;
}

/** The label of the stored token the request came with (tokens from the configuration have none). */
function tokenName(store: QuadStore, req: FastifyRequest): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m ? store.tokens.nameOf(hashToken(m[1] as string).toString('hex')) : undefined;
}

export const decisionsRoutes: FastifyPluginAsync<DecisionsOptions> = async (app, { store, baseIri, timeoutMs, requireWrite, requireRead }) => {
  app.post('/links/decisions', guardRoute(requireWrite), async (req) => {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new LibkgError('BAD_REQUEST', 'the body must be a JSON object {"spec","source","target","decision"}');
    const fields = body as Record<string, unknown>;
    const spec = specParameter(fields.spec);
    const decision = fields.decision as DecisionVerb;
    if (!VERBS.includes(decision))
      throw new LibkgError('BAD_REQUEST', `decision must be one of ${VERBS.join(', ')}, got ${JSON.stringify(fields.decision)}`, { parameter: 'decision' });
    const source = stringField(fields, 'source');
    const target = stringField(fields, 'target');
    const done = await decideLink(store, baseIri, { spec, source, target, decision, by: tokenName(store, req) }, timeoutMs);
    return {
      spec: spec.id,
      link: done.link.link,
      source: done.link.source,
      target: done.link.target,
      score: done.link.score,
      status: done.status,
      ...(done.decision ? { decision: done.decision.decision, by: done.decision.by, at: done.decision.at } : {}),
    };
  });

  app.get('/links/decisions', guardRoute(requireRead), async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const spec = specParameter(q.spec);
    const format = q.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new LibkgError('BAD_REQUEST', `format must be json or csv, got "${format}"`, { parameter: 'format' });
    const decisions = store.linkDecisions.list(spec.id);
    if (format === 'csv') {
      const { csv } = truthCsv(decisions);
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${spec.id}-truth.csv"`).send(csv);
    }
    return { spec: spec.id, decisions };
  });
};
