/** Reading one page of a spec's links, best score first, with their evidence: for the JSON collection and the review page. */
import { LibkgError } from '../../errors.js';
import { linkGraphIri } from '../../links/results.js';
import type { QuadStore } from '../../store/port.js';
import { LINK } from '../../vocab.js';

/** Links per page by default, and at most. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const LINK_STATUSES = ['review', 'accepted', 'rejected'] as const;
export type ListedStatus = (typeof LINK_STATUSES)[number];

export interface ListedLink {
  link: string;
  source: string;
  target: string;
  score: number;
  status: ListedStatus;
  evidence: { comparator: string; score: number }[];
  decision?: string;
  reviewedBy?: string;
}

type Row = Record<string, { value: string } | undefined>;

export function statusParameter(raw: string | undefined): ListedStatus {
  const status = raw ?? 'review';
  if (!(LINK_STATUSES as readonly string[]).includes(status))
    throw new LibkgError('BAD_REQUEST', `status must be one of ${LINK_STATUSES.join(', ')}, got "${status}"`, { parameter: 'status' });
  return status as ListedStatus;
}

export function intParameter(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
    throw new LibkgError('BAD_REQUEST', `${name} must be an integer from 1 to ${max}, got "${raw}"`, { parameter: name });
  return Number(raw);
}

/** `spec` and `status` must be checked already (a shipped spec id, one of LINK_STATUSES): they go into the query as they are. */
export async function readLinks(
  store: QuadStore,
  baseIri: string,
  q: { spec: string; status: ListedStatus; page: number; size: number },
  timeoutMs?: number,
): Promise<{ total: number; links: ListedLink[] }> {
  const rows = async (query: string): Promise<Row[]> => JSON.parse((await store.query(query, { timeoutMs })).body).results.bindings;
  const graph = linkGraphIri(baseIri, q.spec);
  const where = `GRAPH <${graph}> { ?link <${LINK.status}> "${q.status}" }`;
  const total = Number((await rows(`SELECT (COUNT(?link) AS ?n) WHERE { ${where} }`))[0]?.n?.value ?? 0);
  const members = await rows(`SELECT ?link ?source ?target ?score ?decision ?by WHERE { ${where}
      GRAPH <${graph}> { ?link <${LINK.source}> ?source ; <${LINK.target}> ?target ; <${LINK.score}> ?score
        OPTIONAL { ?link <${LINK.decision}> ?decision } OPTIONAL { ?link <${LINK.reviewedBy}> ?by } } }
      ORDER BY DESC(?score) ?link LIMIT ${q.size} OFFSET ${(q.page - 1) * q.size}`);
  const evidence = new Map<string, { comparator: string; score: number }[]>();
  if (members.length) {
    const values = members.map((m) => `<${m.link?.value}>`).join(' ');
    for (const r of await rows(`SELECT ?link ?c ?s WHERE { VALUES ?link { ${values} } GRAPH <${graph}> {
          ?link <${LINK.evidence}> ?e . ?e <${LINK.comparator}> ?c ; <${LINK.score}> ?s } } ORDER BY ?c`)) {
      const list = evidence.get(r.link?.value ?? '') ?? [];
      list.push({ comparator: r.c?.value ?? '', score: Number(r.s?.value) });
      evidence.set(r.link?.value ?? '', list);
    }
  }
  const links = members.map((m) => ({
    link: m.link?.value ?? '',
    source: m.source?.value ?? '',
    target: m.target?.value ?? '',
    score: Number(m.score?.value),
    status: q.status,
    evidence: evidence.get(m.link?.value ?? '') ?? [],
    ...(m.decision ? { decision: m.decision.value } : {}),
    ...(m.by ? { reviewedBy: m.by.value } : {}),
  }));
  return { total, links };
}
