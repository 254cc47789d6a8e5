/**
 * Identifier literals to their resolvers' URLs, keyed by the property's local
 * name (bibo:doi, libkg:orcid, libkg:viaf...: see docs/ontology.md).
 */
import { own } from '../../own.js';

const enc = (v: string) => encodeURIComponent(v.trim());

const RESOLVERS: Record<string, { label: string; url: (v: string) => string }> = {
  doi: { label: 'DOI', url: (v) => `https://doi.org/${enc(v.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:)/i, '')).replace(/%2F/gi, '/')}` },
  orcid: { label: 'ORCID', url: (v) => `https://orcid.org/${enc(v.replace(/^https?:\/\/orcid\.org\//i, ''))}` },
  viaf: { label: 'VIAF', url: (v) => `https://viaf.org/viaf/${enc(v)}` },
  isni: { label: 'ISNI', url: (v) => `https://isni.org/isni/${enc(v.replace(/\s+/g, ''))}` },
  gnd: { label: 'GND', url: (v) => `https://d-nb.info/gnd/${enc(v)}` },
  ror: { label: 'ROR', url: (v) => (/^https?:\/\//i.test(v) ? v : `https://ror.org/${enc(v)}`) },
  isbn: { label: 'ISBN', url: (v) => `https://www.worldcat.org/isbn/${enc(v.replace(/[- ]/g, ''))}` },
  isbn10: { label: 'ISBN', url: (v) => `https://www.worldcat.org/isbn/${enc(v.replace(/[- ]/g, ''))}` },
  isbn13: { label: 'ISBN', url: (v) => `https://www.worldcat.org/isbn/${enc(v.replace(/[- ]/g, ''))}` },
  issn: { label: 'ISSN', url: (v) => `https://portal.issn.org/resource/ISSN/${enc(v)}` },
  oclcnum: { label: 'OCLC', url: (v) => `https://www.worldcat.org/oclc/${enc(v)}` },
  lccn: { label: 'LCCN', url: (v) => `https://lccn.loc.gov/${enc(v.replace(/\s+/g, ''))}` },
  wikidata: { label: 'Wikidata', url: (v) => `https://www.wikidata.org/wiki/${enc(v)}` },
};

export interface IdentifierLink {
  scheme: string;
  value: string;
  url: string;
}

/** The resolver link for an identifier literal, or undefined when the property is no identifier scheme. */
export function identifierLink(property: string, value: string): IdentifierLink | undefined {
  const local = property.replace(/^.*[#/]/, '').toLowerCase();
  const r = own(RESOLVERS, local);
  return r ? { scheme: r.label, value, url: r.url(value) } : undefined;
}

const HOSTS: [RegExp, string][] = [
  [/^https?:\/\/(dx\.)?doi\.org\//i, 'DOI'],
  [/^https?:\/\/orcid\.org\//i, 'ORCID'],
  [/^https?:\/\/(www\.)?viaf\.org\//i, 'VIAF'],
  [/^https?:\/\/d-nb\.info\/gnd\//i, 'GND'],
  [/^https?:\/\/ror\.org\//i, 'ROR'],
  [/^https?:\/\/isni\.org\//i, 'ISNI'],
  [/^https?:\/\/(www\.)?wikidata\.org\//i, 'Wikidata'],
  [/^https?:\/\/id\.loc\.gov\//i, 'Library of Congress'],
];

/** A scheme name for an external IRI (an owl:sameAs target), from its host. */
export const schemeOfIri = (iri: string): string | undefined => HOSTS.find(([re]) => re.test(iri))?.[1];
