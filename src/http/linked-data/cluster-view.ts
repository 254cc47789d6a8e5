/**
 * What an entity document adds from the entity's owl:sameAs cluster (src/links/clusters/): the
 * cluster's owl:sameAs triples, its members' labels, and for a person the works of every member
 * with their titles, as triples that go into every format of the description.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { Cluster } from '../../links/clusters/cluster-index.js';
import { quadToLine } from '../../rdf/nquads.js';
import type { QuadStore } from '../../store/port.js';
import { NS } from '../../vocab.js';
import { sparqlIri } from '../kit/iri.js';
import { parseDescription } from './describe.js';

const { namedNode, quad } = N3.DataFactory;

/** Classes whose pages list the works of the whole cluster. */
export const PERSON_CLASSES = [NS.foaf('Person'), NS.schema('Person')];
/** How works name their creators (the properties search reads as contributors). */
export const CREATED_BY = [NS.dct('creator'), NS.dct('contributor'), NS.dc('creator'), NS.schema('author'), NS.libkg('inventor')];
const LABEL_PATH = [NS.rdfs('label'), NS.skos('prefLabel'), NS.schema('name'), NS.foaf('name'), NS.dct('title')].map((l) => `<${l}>`).join('|');
const LABEL = `<${NS.rdfs('label')}>`;

/** The triples a cluster adds to a description; `limit` bounds the members and the works read. */
export async function clusterQuads(store: QuadStore, cluster: Cluster, isPerson: boolean, limit: number): Promise<RDF.Quad[]> {
  const members = cluster.members.slice(0, limit).map((m) => m.iri);
  const shown = new Set(members);
  const edges = cluster.edges
    .filter((e) => shown.has(e.subject) && shown.has(e.object))
    .map((e) => quad(namedNode(e.subject), namedNode(NS.owl('sameAs')), namedNode(e.object)));
  const values = `VALUES ?m { ${members.map(sparqlIri).join(' ')} }`;
  const created = `VALUES ?p { ${CREATED_BY.map((p) => `<${p}>`).join(' ')} }`;
  const works = isPerson
    ? `UNION { { SELECT DISTINCT ?w { ${values} ${created} ?w ?p ?m FILTER isIRI(?w) } ORDER BY ?w LIMIT ${limit} }
         ${values} ${created} ?w ?p ?m OPTIONAL { ?w ${LABEL_PATH} ?t } }`
    : '';
  const r = await store.query(`CONSTRUCT { ?m ${LABEL} ?l . ?w ?p ?m . ?w ${LABEL} ?t } WHERE { { ${values} ?m ${LABEL_PATH} ?l } ${works} }`, {
    format: 'application/n-triples',
  });
  return [...edges, ...parseDescription(r.body)];
}

/** An entity's description (N-Triples) with what its cluster adds; the entity's own labels stay as it states them. */
export async function withCluster(store: QuadStore, nt: string, thing: string, cluster: Cluster, limit: number): Promise<string> {
  const isPerson = PERSON_CLASSES.some((c) => nt.includes(`<${thing}> <${NS.rdf('type')}> <${c}> .`));
  const extra = await clusterQuads(store, cluster, isPerson, limit);
  const lines = new Set(nt.split('\n').filter(Boolean));
  for (const q of extra) if (!(q.subject.value === thing && q.predicate.value === NS.rdfs('label'))) lines.add(quadToLine(q));
  return `${[...lines].join('\n')}\n`;
}

/**
 * JSON-LD embeds what the entity reaches; cluster triples about other subjects (a member's own
 * owl:sameAs pointing elsewhere, another member's works) go to `@included`, so the JSON-LD holds
 * the same triples as the Turtle.
 */
export function includedSubjects(quads: RDF.Quad[], thing: string): string[] {
  const kinds = new Set([NS.owl('sameAs'), ...CREATED_BY]);
  const out = new Set<string>();
  for (const q of quads) if (q.subject.termType === 'NamedNode' && q.subject.value !== thing && kinds.has(q.predicate.value)) out.add(q.subject.value);
  return [...out];
}
