/**
 * IRI minting from stable identifiers (docs/iri-patterns.md). The same
 * identifier always gives the same IRI under the configured base, so
 * re-imports update in place and two sources naming one DOI or ORCID meet.
 */

/** Entity kinds with their path segment under `{base}id/`. */
export type EntityKind = 'work' | 'person' | 'org' | 'patent' | 'patent-family' | 'dataset' | 'concept' | 'scheme' | 'usage' | 'event' | 'series';

/** Lower-case, NFC, non-alphanumerics to '-', for keys built from names. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      // Kana voicing marks are not Latin diacritics: recompose them (ゲ stays ゲ, not ケ + mark).
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120)
  );
}

/** Encodes a key for an IRI path while keeping '/' readable in DOIs. */
const key = (k: string) => encodeURIComponent(k.trim()).replace(/%2F/gi, '/');

export const normalizeDoi = (doi: string) =>
  doi
    .trim()
    .replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:)/i, '')
    .toLowerCase();

export const normalizeOrcid = (orcid: string) => {
  const m = /(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dX])/i.exec(orcid);
  if (!m) throw new Error(`not an ORCID iD: ${orcid}`);
  const d = (m[1] as string).replace(/-/g, '').toUpperCase();
  return `${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8, 12)}-${d.slice(12)}`;
};

export const normalizeIsbn = (isbn: string) => (/[\dXx][\dXx -]{8,}[\dXx]/.exec(isbn)?.[0] ?? isbn).replace(/[- ]/g, '').toUpperCase();

export interface Iris {
  /** A thing: `{base}id/{kind}/{key}`. */
  entity(kind: EntityKind, k: string): string;
  doi(doi: string): string;
  orcid(orcid: string): string;
  /** The record graph of a source record: `{base}graph/{source}/{k}`. */
  graph(source: string, k: string): string;
}

export function iris(baseIri: string): Iris {
  return {
    entity: (kind, k) => `${baseIri}id/${kind}/${key(k)}`,
    // Works and datasets with a DOI share one IRI whichever source names it.
    doi: (doi) => `${baseIri}id/doi/${key(normalizeDoi(doi))}`,
    orcid: (orcid) => `${baseIri}id/person/orcid-${normalizeOrcid(orcid)}`,
    graph: (source, k) => `${baseIri}graph/${source}/${key(k)}`,
  };
}
