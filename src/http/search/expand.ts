/**
 * SKOS expansion of subject filters: a record about a narrower concept is also about the broader
 * one. From each subject IRI the expansion crosses to the thesaurus concept it matches
 * (skos:exactMatch / closeMatch, either way: records carry their own concept IRIs linked to the
 * thesaurus at import), walks skos:narrower (or inverse skos:broader) transitively, and crosses back
 * to the records' concepts that match those.
 */
import type { QuadStore } from '../../store/port.js';
import { NS } from '../../vocab.js';
import { SAFE_IRI } from '../kit/search-meaning.js';

/** The subject IRIs and every concept below them; plain-text subjects are kept as given. */
export async function withNarrower(store: QuadStore, subjects: string[]): Promise<string[]> {
  const iris = subjects.filter((s) => SAFE_IRI.test(s));
  if (iris.length === 0) return subjects;
  const skos = (local: string) => `<${NS.skos(local)}>`;
  const match = `(${skos('exactMatch')}|${skos('closeMatch')}|^${skos('exactMatch')}|^${skos('closeMatch')})?`;
  const down = `(${skos('narrower')}|^${skos('broader')})*`;
  const query = `SELECT DISTINCT ?x WHERE { VALUES ?s { ${iris.map((i) => `<${i}>`).join(' ')} } ?s ${match} ?t . ?t ${down} ?n . ?n ${match} ?x . FILTER(isIRI(?x)) }`;
  const result = await store.query(query, { format: 'application/sparql-results+json' });
  const found = (JSON.parse(result.body) as { results: { bindings: { x: { value: string } }[] } }).results.bindings.map((b) => b.x.value);
  return [...new Set([...subjects, ...found])];
}
