/** The representations of an entity document, in the server's order of preference. */
export interface DocFormat {
  ext: string;
  mediaType: string;
}

export const DOC_FORMATS: readonly DocFormat[] = [
  { ext: 'ttl', mediaType: 'text/turtle' },
  { ext: 'html', mediaType: 'text/html' },
  { ext: 'jsonld', mediaType: 'application/ld+json' },
  { ext: 'nt', mediaType: 'application/n-triples' },
  { ext: 'rdf', mediaType: 'application/rdf+xml' },
];

export const formatByExt = (ext: string): DocFormat | undefined => DOC_FORMATS.find((f) => f.ext === ext);
export const formatByType = (type: string): DocFormat | undefined => DOC_FORMATS.find((f) => f.mediaType === type);

/** Media types clients send for the same formats. */
export const ALIASES: Readonly<Record<string, string>> = {
  'application/x-turtle': 'text/turtle',
  'application/json': 'application/ld+json',
  'application/xhtml+xml': 'text/html',
  'text/plain': 'application/n-triples',
  'application/xml': 'application/rdf+xml',
  'text/xml': 'application/rdf+xml',
};
