import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { QuadStore } from '../../store/port.js';
import { NS } from '../../vocab.js';
import { sparqlIri } from '../kit/iri.js';

/** At most this many incoming links are listed; the description says how many there are. */
export const INCOMING_LIMIT = 100;

// Short prefixes keep the query small: the store parses every query (sparqljs), at a cost that grows with its length.
const PROLOGUE = `PREFIX r: <${NS.rdfs('')}> PREFIX s: <${NS.skos('')}> PREFIX o: <${NS.schema('')}> PREFIX f: <${NS.foaf('')}> PREFIX d: <${NS.dct('')}>`;
const LABEL = 'r:label|s:prefLabel|o:name|f:name|d:title';

/**
 * One CONSTRUCT for the whole description: the concise bounded description
 * (outgoing triples, blank nodes and hash IRIs two levels deep), labels of every IRI it
 * links to, up to INCOMING_LIMIT incoming links with their subjects' labels
 * and types, and the total count of incoming links (as `libkg:incomingLinks`).
 */
export function descriptionQuery(iri: string): string {
  const e = sparqlIri(iri);
  // Blank nodes and the entity's own hash IRIs (e.g. #contribution-1) are parts of it: described in full.
  const part = (v: string) => `(isBlank(${v}) || STRSTARTS(STR(${v}), ${JSON.stringify(`${iri}#`)}))`;
  return `${PROLOGUE}
CONSTRUCT { ?e ?p ?o . ?o ?q ?v . ?v ?w ?x . ?n r:label ?l . ?s ?i ?e . ?s r:label ?sl . ?s a ?t . ?e <${NS.libkg('incomingLinks')}> ?c }
WHERE { BIND(${e} AS ?e)
{ ${e} ?p ?o OPTIONAL { ?o ?q ?v FILTER ${part('?o')} OPTIONAL { ?v ?w ?x FILTER ${part('?v')} } } }
UNION { ${e} ?j ?n FILTER isIRI(?n) ?n ${LABEL} ?l }
UNION { ${e} ?j ?b . ?b ?k ?n FILTER(${part('?b')} && isIRI(?n)) ?n ${LABEL} ?l }
UNION { { SELECT ?s ?i { ?s ?i ${e} FILTER isIRI(?s) } ORDER BY ?s ?i LIMIT ${INCOMING_LIMIT} } OPTIONAL { ?s ${LABEL} ?sl } OPTIONAL { ?s a ?t } }
UNION { SELECT (COUNT(*) AS ?c) { ?y ?z ${e} } }
}`;
}

/**
 * The entity's description as N-Triples text (compact to keep in a cache of
 * thousands; parsed again only to render another format).
 */
export async function describeEntity(store: QuadStore, iri: string): Promise<string> {
  const r = await store.query(descriptionQuery(iri), { format: 'application/n-triples' });
  const zero = ` <${NS.libkg('incomingLinks')}> "0"`;
  // CONSTRUCT may repeat a triple once per solution; a description is a set. A zero count says nothing a client needs.
  return [...new Set(r.body.split('\n'))].filter((l) => l !== '' && !l.includes(zero)).join('\n') + '\n';
}

/** Parses a description back into triples. */
export const parseDescription = (nt: string): RDF.Quad[] => new N3.Parser({ format: 'N-Triples' }).parse(nt);

/**
 * Graphs holding triples about the entity (its record graphs); '' is the
 * default graph. A quad pattern, not a query: it answers from the engine's
 * indexes without a SPARQL parse, and every dereference starts with it.
 */
export async function graphsOf(store: QuadStore, iri: string): Promise<string[]> {
  const quads = await store.match(N3.DataFactory.namedNode(iri), null, null, null);
  return [...new Set(quads.map((q) => (q.graph.termType === 'DefaultGraph' ? '' : q.graph.value)))];
}
