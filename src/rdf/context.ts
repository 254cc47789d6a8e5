/**
 * libkg's published JSON-LD context (served at /context.jsonld): every prefix
 * of src/vocab.ts plus short keys for the terms most records use. JSON-LD
 * output of every surface is compacted with it.
 */
import { NS, PREFIXES } from '../vocab.js';

/** Short keys: plain property names, no type coercion, so compaction never drops information. */
const SHORT_KEYS: Record<string, string> = {
  id: '@id',
  type: '@type',
  label: NS.rdfs('label'),
  title: NS.dct('title'),
  creator: NS.dct('creator'),
  contributor: NS.dct('contributor'),
  issued: NS.dct('issued'),
  identifier: NS.dct('identifier'),
  subject: NS.dct('subject'),
  language: NS.dct('language'),
  publisher: NS.dct('publisher'),
  description: NS.dct('description'),
  name: NS.foaf('name'),
  sameAs: NS.owl('sameAs'),
  seeAlso: NS.rdfs('seeAlso'),
  cites: NS.cito('cites'),
  prefLabel: NS.skos('prefLabel'),
};

export const CONTEXT_URL_PATH = '/context.jsonld';

/** The `@context` object itself (without the wrapping document). */
export const LIBKG_CONTEXT: Record<string, string> = { ...PREFIXES, ...SHORT_KEYS };

/** The document served at /context.jsonld. */
export const contextDocument = () => ({ '@context': LIBKG_CONTEXT });
