/**
 * A run's results as one named graph per spec, `{base}graph/links/{id}`: the asserted link triples
 * (accepted links only), one link resource per link with its score, status and one evidence node
 * per comparator, and the run's PROV-O activity. Written with one `putGraphs`, which replaces the
 * graph atomically: a run that is cancelled or killed before it leaves the previous links intact.
 */
import { createHash } from 'node:crypto';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { percentEncodePath } from '../rdf/iri.js';
import { LINK, NS } from '../vocab.js';
import type { MatchResult, ScoredPair } from './engine/index.js';

const { namedNode, literal, quad } = N3.DataFactory;

export const linkGraphIri = (baseIri: string, specId: string) => `${baseIri}graph/links/${percentEncodePath(specId)}`;

/** A link's IRI: stable for the same spec, source and target, so re-runs name the same link. */
export const linkIri = (baseIri: string, specId: string, source: string, target: string) =>
  `${baseIri}link/${percentEncodePath(specId)}/${createHash('sha256').update(`${source}\n${target}`).digest('hex').slice(0, 20)}`;

/** `rejected`: a reviewer said no; the link resource stays (listed as rejected), the link triple does not. */
export type LinkStatus = 'accepted' | 'review' | 'rejected';

/** A pair as the link graph keeps it: as matched, or as a reviewer decided (`reviewed`). */
export type LinkRecord = Omit<ScoredPair, 'status'> & { status: LinkStatus; reviewed?: { decision: 'accept' | 'reject'; by?: string; at: string } };

export interface RunInfo {
  specId: string;
  specVersion: number | string;
  /** The asserted predicate's IRI (owl:sameAs …). */
  predicate: string;
  startedAt: Date;
  endedAt: Date;
  /** The change-log sequence the run had seen: the next incremental run compares what changed after it. */
  upToChange?: number;
  mode?: 'full' | 'incremental';
}

const xsd = (local: string) => namedNode(NS.xsd(local));
const int = (n: number) => literal(String(n), xsd('integer'));
const double = (n: number) => literal(String(n), xsd('double'));
const dateTime = (d: Date) => literal(d.toISOString(), xsd('dateTime'));

/** Every quad of a spec's link graph for one run's result. */
export function linkGraphQuads(baseIri: string, run: RunInfo, result: Omit<MatchResult, 'pairs'> & { pairs: LinkRecord[] }): RDF.Quad[] {
  const out: RDF.Quad[] = [];
  const add = (s: RDF.Quad_Subject, p: string, o: RDF.Quad_Object) => out.push(quad(s, namedNode(p), o));
  const graph = namedNode(linkGraphIri(baseIri, run.specId));
  const activity = namedNode(`${graph.value}#run`);
  const type = NS.rdf('type');
  const spec = literal(run.specId);
  const count = (status: LinkStatus) => result.pairs.filter((p) => p.status === status).length;

  add(graph, type, namedNode(NS.prov('Entity')));
  add(graph, NS.prov('wasGeneratedBy'), activity);
  add(graph, NS.prov('generatedAtTime'), dateTime(run.endedAt));
  add(activity, type, namedNode(LINK.LinkRun));
  add(activity, LINK.spec, spec);
  add(activity, LINK.specVersion, literal(String(run.specVersion)));
  add(activity, NS.prov('startedAtTime'), dateTime(run.startedAt));
  add(activity, NS.prov('endedAtTime'), dateTime(run.endedAt));
  add(activity, LINK.candidates, int(result.stats.candidates));
  add(activity, LINK.compared, int(result.stats.compared));
  add(activity, LINK.accepted, int(count('accepted')));
  add(activity, LINK.review, int(count('review')));
  add(activity, LINK.rejected, int(count('rejected')));
  if (run.upToChange !== undefined) add(activity, LINK.upToChange, int(run.upToChange));
  if (run.mode) add(activity, LINK.runMode, literal(run.mode));
  for (const pair of result.pairs) out.push(...linkQuads(baseIri, run.specId, run.predicate, pair, activity));
  return out;
}

/** One link's quads (without a graph): the link triple when accepted, the link resource, its evidence and review marks. */
export function linkQuads(baseIri: string, specId: string, predicate: string, pair: LinkRecord, activity?: RDF.NamedNode): RDF.Quad[] {
  const out: RDF.Quad[] = [];
  const add = (s: RDF.Quad_Subject, p: string, o: RDF.Quad_Object) => out.push(quad(s, namedNode(p), o));
  const type = NS.rdf('type');
  const source = namedNode(pair.source);
  const target = namedNode(pair.target);
  if (pair.status === 'accepted') add(source, predicate, target);
  const link = namedNode(linkIri(baseIri, specId, pair.source, pair.target));
  add(link, type, namedNode(LINK.Link));
  add(link, LINK.spec, literal(specId));
  add(link, LINK.source, source);
  add(link, LINK.target, target);
  add(link, LINK.predicate, namedNode(predicate));
  add(link, LINK.score, double(pair.score));
  add(link, LINK.status, literal(pair.status));
  if (activity) add(link, NS.prov('wasGeneratedBy'), activity);
  if (pair.reviewed) out.push(...reviewQuads(link, pair.reviewed));
  for (const [name, score] of Object.entries(pair.evidence)) {
    const node = namedNode(`${link.value}#${percentEncodePath(name)}`);
    add(link, LINK.evidence, node);
    add(node, type, namedNode(LINK.Evidence));
    add(node, LINK.comparator, literal(name));
    add(node, LINK.score, double(score));
  }
  return out;
}

/** The marks of a reviewer's decision on a link resource. */
export function reviewQuads(link: RDF.NamedNode, reviewed: NonNullable<LinkRecord['reviewed']>): RDF.Quad[] {
  return [
    quad(link, namedNode(LINK.decision), literal(reviewed.decision)),
    quad(link, namedNode(LINK.reviewedAt), dateTime(new Date(reviewed.at))),
    ...(reviewed.by ? [quad(link, namedNode(LINK.reviewedBy), literal(reviewed.by))] : []),
  ];
}
