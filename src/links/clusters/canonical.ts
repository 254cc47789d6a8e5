/**
 * The canonical IRI of an owl:sameAs cluster, by a rule that gives the same answer whatever order the
 * links were found in (docs/link-clusters.md):
 * 1. an entity of this dataset (`{base}id/…`) before an outside IRI: it dereferences here and
 *    reconciliation can return it;
 * 2. one minted from an authority identifier (GND, ORCID, VIAF, ISNI, LCNAF, ROR, a DOI) before one
 *    minted from a name, a local control number or an ISBN;
 * 3. the one with the most triples (the fullest description);
 * 4. the lexically smallest IRI.
 */

/** Local IRI paths minted from an authority's identifier (docs/iri-patterns.md). */
const AUTHORITY_PATH = /^id\/(?:(?:person|org)\/(?:gnd|orcid|viaf|isni|lcnaf|ror)-|doi\/)/;

export interface CanonicalCandidate {
  iri: string;
  /** Triples with the IRI as subject, in all graphs. */
  triples: number;
}

/** Sort key parts: lower ranks first. */
function rank(iri: string, baseIri: string): [number, number] {
  if (!iri.startsWith(baseIri)) return [1, 1];
  return [0, AUTHORITY_PATH.test(iri.slice(baseIri.length)) ? 0 : 1];
}

/** Compares two members: negative when `a` is the better canonical IRI. */
export function compareCanonical(a: CanonicalCandidate, b: CanonicalCandidate, baseIri: string): number {
  const [ra, rb] = [rank(a.iri, baseIri), rank(b.iri, baseIri)];
  return ra[0] - rb[0] || ra[1] - rb[1] || b.triples - a.triples || (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0);
}

/** The canonical member of a (non-empty) cluster. */
export function canonicalOf(members: readonly CanonicalCandidate[], baseIri: string): string {
  let best = members[0] as CanonicalCandidate;
  for (const m of members) if (compareCanonical(m, best, baseIri) < 0) best = m;
  return best.iri;
}
