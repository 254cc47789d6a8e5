/**
 * One reviewer's decision on one link, applied at once: kept in the data dir's decision table first
 * (the truth a re-run applies again), then the spec's link graph changed in one SPARQL Update (one
 * journal transaction): accept → the link triple and status `accepted`, reject → no link triple and
 * status `rejected`, undo → the status the score gives. Should the graph write fail, the decision
 * still holds and the next run (or the same request again) writes it.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { LibkgError } from '../errors.js';
import { assertIri } from '../rdf/iri.js';
import type { LinkDecision, QuadStore } from '../store/port.js';
import { LINK, NS } from '../vocab.js';
import type { LinkSpec } from './engine/index.js';
import { type LinkStatus, linkGraphIri, reviewQuads } from './results.js';

const { namedNode, literal, quad } = N3.DataFactory;

export type DecisionVerb = 'accept' | 'reject' | 'undo';

export interface DecisionRequest {
  spec: LinkSpec;
  source: string;
  target: string;
  decision: DecisionVerb;
  /** The write token's label. */
  by?: string;
}

/** A link resource of a spec's graph as found for a pair (in either order). */
export interface FoundLink {
  link: string;
  source: string;
  target: string;
  predicate: string;
  score: number;
  status: string;
  evidence: Record<string, number>;
}

type Row = Record<string, { value: string } | undefined>;

export async function findLink(store: QuadStore, graph: string, a: string, b: string, timeoutMs?: number): Promise<FoundLink | undefined> {
  const rows = async (q: string): Promise<Row[]> => JSON.parse((await store.query(q, { timeoutMs })).body).results.bindings;
  const [row] = await rows(`SELECT ?link ?s ?t ?p ?score ?status WHERE { GRAPH <${graph}> {
    VALUES (?s ?t) { (<${a}> <${b}>) (<${b}> <${a}>) }
    ?link <${LINK.source}> ?s ; <${LINK.target}> ?t ; <${LINK.predicate}> ?p ; <${LINK.score}> ?score ; <${LINK.status}> ?status } } LIMIT 1`);
  if (!row?.link) return undefined;
  const evidence: Record<string, number> = {};
  for (const r of await rows(
    `SELECT ?c ?v WHERE { GRAPH <${graph}> { <${row.link.value}> <${LINK.evidence}> ?e . ?e <${LINK.comparator}> ?c ; <${LINK.score}> ?v } }`,
  ))
    evidence[r.c?.value ?? ''] = Number(r.v?.value);
  return {
    link: row.link.value,
    source: row.s?.value ?? a,
    target: row.t?.value ?? b,
    predicate: row.p?.value ?? NS.owl('sameAs'),
    score: Number(row.score?.value),
    status: row.status?.value ?? 'review',
    evidence,
  };
}

/** The record ids (dct:identifier) of entities, for the truth export. */
async function recordIds(store: QuadStore, iris: string[], timeoutMs?: number): Promise<Map<string, string>> {
  const q = `SELECT ?e ?id WHERE { VALUES ?e { ${iris.map((i) => `<${i}>`).join(' ')} } ?e <${NS.dct('identifier')}> ?id }`;
  const ids = new Map<string, string>();
  for (const r of JSON.parse((await store.query(q, { timeoutMs })).body).results.bindings as Row[])
    if (r.e && r.id && !ids.has(r.e.value)) ids.set(r.e.value, r.id.value);
  return ids;
}

const ntriples = (quads: RDF.Quad[]) => new N3.Writer({ format: 'N-Triples' }).quadsToString(quads);

/** Records the decision and changes the link graph; returns the link's new status and the decision kept (none after undo). */
export async function decideLink(
  store: QuadStore,
  baseIri: string,
  req: DecisionRequest,
  timeoutMs?: number,
): Promise<{ link: FoundLink; status: LinkStatus; decision?: LinkDecision }> {
  assertIri(req.source, 'source');
  assertIri(req.target, 'target');
  const graph = linkGraphIri(baseIri, req.spec.id);
  const found = await findLink(store, graph, req.source, req.target, timeoutMs);
  if (!found)
    throw new LibkgError('NOT_FOUND', `link spec "${req.spec.id}" has no link between <${req.source}> and <${req.target}> (run it first, or check the IRIs)`, {
      spec: req.spec.id,
      source: req.source,
      target: req.target,
    });
  let decision: LinkDecision | undefined;
  let status: LinkStatus;
  if (req.decision === 'undo') {
    store.linkDecisions.remove(req.spec.id, found.source, found.target);
    status = found.score >= req.spec.accept ? 'accepted' : 'review';
  } else {
    const ids = await recordIds(store, [found.source, found.target], timeoutMs);
    decision = store.linkDecisions.put({
      spec: req.spec.id,
      source: found.source,
      target: found.target,
      decision: req.decision,
      by: req.by,
      sourceId: ids.get(found.source),
      targetId: ids.get(found.target),
      score: found.score,
      evidence: found.evidence,
    });
    status = req.decision === 'accept' ? 'accepted' : 'rejected';
  }
  const link = namedNode(found.link);
  const linkTriple = `<${found.source}> <${found.predicate}> <${found.target}>`;
  const added: RDF.Quad[] = [quad(link, namedNode(LINK.status), literal(status))];
  if (decision) added.push(...reviewQuads(link, decision));
  // One request, one journal transaction: the old status and review marks go, the new ones come.
  await store.update(
    `DELETE { GRAPH <${graph}> { <${found.link}> <${LINK.status}> ?st ; <${LINK.decision}> ?d ; <${LINK.reviewedBy}> ?b ; <${LINK.reviewedAt}> ?at . ${linkTriple} } }
     WHERE { GRAPH <${graph}> { <${found.link}> <${LINK.status}> ?st
       OPTIONAL { <${found.link}> <${LINK.decision}> ?d } OPTIONAL { <${found.link}> <${LINK.reviewedBy}> ?b } OPTIONAL { <${found.link}> <${LINK.reviewedAt}> ?at } } } ;
     INSERT DATA { GRAPH <${graph}> { ${ntriples(added)} ${status === 'accepted' ? `${linkTriple} .` : ''} } }`,
    { timeoutMs },
  );
  return { link: found, status, decision };
}
