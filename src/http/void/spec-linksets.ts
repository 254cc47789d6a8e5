/**
 * One void:Linkset per link spec: its link graph `{base}graph/links/{id}` (src/links/results.ts)
 * holds the run (libkg:LinkRun with the spec's id) and the asserted links; the linkset counts the
 * asserted link triples. Both ends are entities of this dataset (a spec's target is the same
 * dataset or an authority imported into it), so subjects and objects target the dataset itself.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { QuadStore } from '../../store/port.js';
import { LINK, NS, T } from '../../vocab.js';

const { namedNode: iri, literal } = N3.DataFactory;

export interface SpecLinkset {
  spec: string;
  graph: string;
  /** The asserted predicate; undefined when the last run accepted no link. */
  predicate?: string;
  triples: number;
}

type Row = Record<string, { value: string } | undefined>;

/** The link graphs' specs, predicates and asserted link counts, from one query. */
export async function specLinksets(store: QuadStore, baseIri: string): Promise<SpecLinkset[]> {
  const prefix = JSON.stringify(`${baseIri}graph/links/`);
  const q = `SELECT ?g ?spec ?p (COUNT(?s) AS ?n) WHERE { GRAPH ?g {
      ?run a <${LINK.LinkRun}> ; <${LINK.spec}> ?spec .
      OPTIONAL { ?l a <${LINK.Link}> ; <${LINK.predicate}> ?p ; <${LINK.source}> ?s ; <${LINK.target}> ?o . ?s ?p ?o } }
    FILTER(STRSTARTS(STR(?g), ${prefix})) } GROUP BY ?g ?spec ?p ORDER BY ?spec ?p`;
  const r = await store.query(q, { format: 'application/sparql-results+json' });
  const rows = (JSON.parse(r.body) as { results: { bindings: Row[] } }).results.bindings;
  return rows.map((row) => ({ spec: row.spec?.value ?? '', graph: row.g?.value ?? '', predicate: row.p?.value, triples: Number(row.n?.value ?? 0) }));
}

export const specLinksetIri = (datasetIri: string, spec: string, predicate?: string) =>
  `${datasetIri}-linkset-${encodeURIComponent(spec)}${predicate ? `-${encodeURIComponent(predicate.replace(/^.*[#/]/, ''))}` : ''}`;

/** The linksets as VoID triples, each a void:subset of the dataset. */
export function specLinksetQuads(ds: RDF.NamedNode, linksets: SpecLinkset[], add: (s: RDF.Quad_Subject, p: RDF.NamedNode, o: RDF.Quad_Object) => void): void {
  for (const l of linksets) {
    const ls = iri(specLinksetIri(ds.value, l.spec, l.predicate));
    add(ds, T.void('subset'), ls);
    add(ls, T.rdf('type'), T.void('Linkset'));
    add(ls, T.dct('title'), literal(`Links of spec ${l.spec}`, 'en'));
    add(ls, T.dct('identifier'), literal(l.spec));
    add(ls, T.dct('source'), iri(l.graph));
    if (l.predicate) add(ls, T.void('linkPredicate'), iri(l.predicate));
    add(ls, T.void('subjectsTarget'), ds);
    add(ls, T.void('objectsTarget'), ds);
    add(ls, T.void('triples'), literal(String(l.triples), iri(NS.xsd('integer'))));
  }
}
