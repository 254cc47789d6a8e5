/** The `rdf` format: the record graph as RDF/XML. */
import type * as RDF from '@rdfjs/types';
import { writeRdfXml } from '../../../rdf/rdf-xml.js';

export const RDF_FORMAT = {
  prefix: 'rdf',
  // RDF/XML has no official XML Schema; this is the conventional one OAI-PMH repositories announce.
  schema: 'http://www.openarchives.org/OAI/2.0/rdf.xsd',
  namespace: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
} as const;

/** RDF/XML of a graph without the XML declaration, ready to embed in <metadata>. */
export const recordRdfXml = (quads: readonly RDF.Quad[]): Promise<string> => writeRdfXml(quads, { declaration: false });
