import N3 from 'n3';
import type { EmbeddedStore } from '../../src/store/embedded.js';

/** Small hand-written records (one graph each) for the linked-data tests; base http://localhost:8080/. */
export const BASE = 'http://localhost:8080/';
export const WORK = `${BASE}id/doi/10.1000/xyz123`;
export const PERSON = `${BASE}id/person/orcid-0000-0002-1825-0097`;
export const CONCEPT = `${BASE}id/concept/lcsh-knowledge-graphs`;
export const EVIL = `${BASE}id/work/local-666`;
export const PATENT = `${BASE}id/patent/US6336130B1`;
export const GONE = `${BASE}id/work/local-gone`;
export const GONE_GRAPH = `${BASE}graph/catalog/local-gone`;

const PREFIXES = `
@prefix dct: <http://purl.org/dc/terms/> . @prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix cito: <http://purl.org/spar/cito/> . @prefix libkg: <https://w3id.org/libkg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix bf: <http://id.loc.gov/ontologies/bibframe/> .
`;

export const RECORDS: Record<string, string> = {
  [`${BASE}graph/catalog/xyz123`]: `
<${WORK}> a bibo:Document, bibo:Book ; dct:title "Knowledge graphs for libraries"@en ;
  dct:creator <${PERSON}> ; dct:subject <${CONCEPT}> ; bibo:doi "10.1000/xyz123" ; dct:issued "2021"^^xsd:gYear ;
  bf:contribution [ bf:agent <${PERSON}> ; bf:role <http://id.loc.gov/vocabulary/relators/aut> ] .`,
  [`${BASE}graph/orcid/0000-0002-1825-0097`]: `
<${PERSON}> a foaf:Person ; foaf:name "Carberry, Josiah" ; rdfs:label "Josiah Carberry" ;
  libkg:orcid "0000-0002-1825-0097" ; owl:sameAs <https://orcid.org/0000-0002-1825-0097> .`,
  [`${BASE}graph/skos/knowledge-graphs`]: `<${CONCEPT}> a skos:Concept ; skos:prefLabel "Knowledge graphs"@en .`,
  [`${BASE}graph/catalog/local-666`]: `
<${EVIL}> a bibo:Document ; dct:title "<script>window.__pwned = 1</script></script><!-- x" ;
  dct:creator <${PERSON}> ; foaf:page <javascript:alert(1)> .`,
  [`${BASE}graph/patent/US6336130B1`]: `<${PATENT}> a bibo:Patent ; dct:title "Method for graphs" ; cito:cites <${WORK}> .`,
  [GONE_GRAPH]: `<${GONE}> a bibo:Document ; dct:title "Withdrawn record" .`,
};

/** Loads every record, then deletes the GONE record (leaving its tombstone). */
export async function loadSample(store: EmbeddedStore): Promise<void> {
  const puts = Object.entries(RECORDS).map(([graph, ttl]) => ({
    graph,
    quads: new N3.Parser({ format: 'Turtle' }).parse(PREFIXES + ttl),
    source: graph.split('/')[4],
  }));
  await store.putGraphs(puts);
  await store.deleteGraphs([GONE_GRAPH]);
}
