import { aliasesOf, extensionOf } from '../../rdf/media-types.js';

/** The representations of an entity document, in the server's order of preference. */
export interface DocFormat {
  ext: string;
  mediaType: string;
}

const DOC_TYPES = ['text/turtle', 'text/html', 'application/ld+json', 'application/n-triples', 'application/rdf+xml'];

export const DOC_FORMATS: readonly DocFormat[] = DOC_TYPES.map((mediaType) => ({ ext: extensionOf(mediaType) as string, mediaType }));

export const formatByExt = (ext: string): DocFormat | undefined => DOC_FORMATS.find((f) => f.ext === ext);
export const formatByType = (type: string): DocFormat | undefined => DOC_FORMATS.find((f) => f.mediaType === type);

/** Media types clients send for the same formats. */
export const ALIASES: Readonly<Record<string, string>> = aliasesOf(DOC_TYPES);
