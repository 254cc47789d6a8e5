import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { QuadStore } from '../../store/port.js';
import { NS } from '../../vocab.js';
import { sparqlIri } from './iri.js';

/** Properties whose values name a resource for people; all are copied to rdfs:label in descriptions. */
export const LABEL_PROPERTIES = [NS.rdfs('label'), NS.skos('prefLabel'), NS.schema('name'), NS.foaf('name'), NS.dct('title')];
const LABEL_PATH = LABEL_PROPERTIES.map((p) => `<${p}>`).join('|');

/** At most this many incoming links are listed; the description says how many there are. */
export const INCOMING_LIMIT = 100;

/**
 * One CONSTRUCT for the whole description: the concise bounded description
 * (outgoing triples, blank nodes two levels deep), labels of every IRI it
 * links to, up to INCOMING_LIMIT incoming links with their subjects' labels
 * and types, and the total count of incoming links (as `libkg:incomingLinks`).
 */
export function descriptionQuery(iri: string): string {
  const e = sparqlIri(iri);
  const label = `<${NS.rdfs('label')}>`;
  return `CONSTRUCT {
  ${e} ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 .
  ?n ${label} ?nl .
  ?s ?ip ${e} . ?s a ?st .
  ${e} <${NS.libkg('incomingLinks')}> ?count .
} WHERE {
  { ${e} ?p ?o . OPTIONAL { ?o ?p2 ?o2 . FILTER(isBlank(?o)) OPTIONAL { ?o2 ?p3 ?o3 . FILTER(isBlank(?o2)) } } }
  UNION { ${e} ?lp ?n . FILTER(isIRI(?n)) ?n ${LABEL_PATH} ?nl . }
  UNION { ${e} ?bp ?b . FILTER(isBlank(?b)) ?b ?bq ?n . FILTER(isIRI(?n)) ?n ${LABEL_PATH} ?nl . }
  UNION { SELECT ?s ?ip WHERE { ?s ?ip ${e} . FILTER(isIRI(?s)) } ORDER BY ?s ?ip LIMIT ${INCOMING_LIMIT} }
  UNION { { SELECT DISTINCT ?n WHERE { ?n ?ip ${e} . FILTER(isIRI(?n)) } ORDER BY ?n LIMIT ${INCOMING_LIMIT} } ?n ${LABEL_PATH} ?nl . }
  UNION { { SELECT DISTINCT ?s WHERE { ?s ?ip ${e} . FILTER(isIRI(?s)) } ORDER BY ?s LIMIT ${INCOMING_LIMIT} } ?s a ?st . }
  UNION { SELECT (COUNT(*) AS ?count) WHERE { ?x ?y ${e} } }
}`;
}

/** The entity's description as quads in the default graph. */
export async function describeEntity(store: QuadStore, iri: string): Promise<RDF.Quad[]> {
  const r = await store.query(descriptionQuery(iri), { format: 'application/n-triples' });
  // CONSTRUCT may repeat a triple once per solution; a description is a set.
  const lines = [...new Set(r.body.split('\n'))].join('\n');
  const quads = new N3.Parser({ format: 'N-Triples' }).parse(lines);
  // A zero count says nothing a client needs.
  return quads.filter((q) => !(q.predicate.value === NS.libkg('incomingLinks') && q.object.value === '0'));
}

/**
 * Graphs holding triples about the entity (its record graphs); '' is the
 * default graph. The unnamed branch matches the union, so a row without ?g
 * and no named graph means the triples sit in the default graph.
 */
export async function graphsOf(store: QuadStore, iri: string): Promise<string[]> {
  const e = sparqlIri(iri);
  const r = await store.query(`SELECT DISTINCT ?g WHERE { { GRAPH ?g { ${e} ?p ?o } } UNION { ${e} ?p ?o } }`, {
    format: 'application/sparql-results+json',
  });
  const json = JSON.parse(r.body) as { results: { bindings: { g?: { value: string } }[] } };
  const named = json.results.bindings.flatMap((b) => (b.g ? [b.g.value] : []));
  if (named.length === 0 && json.results.bindings.length > 0) return [''];
  return named;
}
