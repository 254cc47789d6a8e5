/**
 * The one media-type registry: every format a libkg surface reads, writes or negotiates, with
 * its file extensions, the media types clients send for it, the short names of `format=` and
 * what it can carry. Surfaces choose which of these they offer (and in which order); what a
 * type is called and how it is recognised is said only here.
 */
import { extname } from 'node:path';
import { NS } from '../vocab.js';

export interface MediaTypeEntry {
  type: string;
  /** rdf: a graph serialization; results: SPARQL SELECT/ASK results; page: a document for browsers. */
  kind: 'rdf' | 'results' | 'page';
  /** File extensions, the first one is what libkg names its files and documents with. */
  extensions: readonly string[];
  /** Other media types clients send for the same format. */
  aliases: readonly string[];
  /** Short names of the `format` parameter. */
  names: readonly string[];
  /** Carries graph names (the other RDF formats flatten every quad into one graph). */
  quads?: boolean;
  /** libkg parses it (imports, Graph Store bodies). */
  read?: boolean;
  /** libkg writes it. */
  write?: boolean;
  /** The store's engines write query results in it (JSON-LD is built from N-Triples outside them). */
  engine?: boolean;
  /** W3C unique format IRI (https://www.w3.org/ns/formats/), for service descriptions. */
  formatIri?: string;
}

/** In the server's order of preference: the first offered one wins when the client has none. */
export const MEDIA_TYPES = [
  {
    type: 'application/sparql-results+json',
    kind: 'results',
    extensions: ['.srj'],
    aliases: ['application/json'],
    names: ['json', 'srj'],
    write: true,
    engine: true,
    formatIri: NS.formats('SPARQL_Results_JSON'),
  },
  {
    type: 'application/sparql-results+xml',
    kind: 'results',
    extensions: ['.srx'],
    aliases: ['application/xml', 'text/xml'],
    names: ['xml', 'srx'],
    write: true,
    engine: true,
    formatIri: NS.formats('SPARQL_Results_XML'),
  },
  {
    type: 'text/csv',
    kind: 'results',
    extensions: ['.csv'],
    aliases: [],
    names: ['csv'],
    write: true,
    engine: true,
    formatIri: NS.formats('SPARQL_Results_CSV'),
  },
  {
    type: 'text/tab-separated-values',
    kind: 'results',
    extensions: ['.tsv'],
    aliases: [],
    names: ['tsv'],
    write: true,
    engine: true,
    formatIri: NS.formats('SPARQL_Results_TSV'),
  },
  {
    type: 'text/turtle',
    kind: 'rdf',
    extensions: ['.ttl'],
    // N3 clients read Turtle (a subset of N3).
    aliases: ['application/x-turtle', 'text/n3'],
    names: ['turtle', 'ttl', 'n3'],
    read: true,
    write: true,
    engine: true,
    formatIri: NS.formats('Turtle'),
  },
  {
    type: 'application/n-triples',
    kind: 'rdf',
    extensions: ['.nt'],
    aliases: ['text/plain'],
    names: ['ntriples', 'nt'],
    read: true,
    write: true,
    engine: true,
    formatIri: NS.formats('N-Triples'),
  },
  {
    type: 'application/n-quads',
    kind: 'rdf',
    extensions: ['.nq'],
    aliases: ['text/x-nquads'],
    names: ['nquads', 'nq'],
    quads: true,
    read: true,
    write: true,
    engine: true,
    formatIri: NS.formats('N-Quads'),
  },
  {
    type: 'application/trig',
    kind: 'rdf',
    extensions: ['.trig'],
    aliases: ['application/x-trig'],
    names: ['trig'],
    quads: true,
    read: true,
    write: true,
    engine: true,
    formatIri: NS.formats('TriG'),
  },
  {
    type: 'application/rdf+xml',
    kind: 'rdf',
    extensions: ['.rdf', '.owl'],
    aliases: ['application/xml', 'text/xml'],
    // `xml` means RDF/XML only where a graph is asked for (see formatNamed).
    names: ['rdfxml', 'rdf+xml', 'rdf', 'xml'],
    read: true,
    write: true,
    engine: true,
    formatIri: NS.formats('RDF_XML'),
  },
  {
    type: 'application/ld+json',
    kind: 'rdf',
    extensions: ['.jsonld'],
    aliases: ['application/json'],
    names: ['jsonld', 'json'],
    quads: true,
    read: true,
    write: true,
    formatIri: NS.formats('JSON-LD'),
  },
  { type: 'text/html', kind: 'page', extensions: ['.html'], aliases: ['application/xhtml+xml'], names: ['html'], write: true },
] as const satisfies readonly MediaTypeEntry[];

type Entry = (typeof MEDIA_TYPES)[number];
const ENTRIES: readonly MediaTypeEntry[] = MEDIA_TYPES;

/** Graph serializations libkg writes. */
export type RdfMediaType = Extract<Entry, { kind: 'rdf'; write: true }>['type'];
/** What the store's engines serialize query results to. */
export type EngineFormat = Extract<Entry, { engine: true }>['type'];

const typesWhere = <T extends string>(keep: (e: MediaTypeEntry) => boolean) => ENTRIES.filter(keep).map((e) => e.type as T);

/** Graph serializations libkg writes, in the order offered when the client has no preference. */
export const RDF_MEDIA_TYPES: readonly RdfMediaType[] = typesWhere((e) => e.kind === 'rdf' && !!e.write);
/** RDF serializations libkg reads. */
export const RDF_INPUT_TYPES: readonly string[] = typesWhere((e) => e.kind === 'rdf' && !!e.read);
/** SPARQL SELECT/ASK result formats. */
export const SOLUTION_TYPES: readonly EngineFormat[] = typesWhere((e) => e.kind === 'results');
/** Graph formats the engines write (CONSTRUCT/DESCRIBE). */
export const ENGINE_GRAPH_TYPES: readonly EngineFormat[] = typesWhere((e) => e.kind === 'rdf' && !!e.engine);

export const entryOf = (type: string): MediaTypeEntry | undefined => ENTRIES.find((e) => e.type === type);

/** The format carries graph names. */
export const carriesGraphs = (type: string): boolean => !!entryOf(type)?.quads;

/** The extension libkg gives a document or file in this format ('ttl', no dot). */
export const extensionOf = (type: string): string | undefined => entryOf(type)?.extensions[0]?.slice(1);

/** The offered types by the extension of their documents (`{ ttl: 'text/turtle' }`), in the order offered. */
export const byExtension = (offered: readonly string[]): Record<string, string> => Object.fromEntries(offered.map((t) => [extensionOf(t) ?? t, t]));

/** The RDF media type libkg reads a file as, by its extension (a .gz suffix is looked through). */
export function rdfTypeOfFile(fileName: string): string | undefined {
  const ext = extname(fileName.replace(/\.gz$/, '')).toLowerCase();
  return ENTRIES.find((e) => e.kind === 'rdf' && e.read && (e.extensions as readonly string[]).includes(ext))?.type;
}

/**
 * The aliases clients may send for the offered types, for `negotiate`. An alias shared by two
 * formats (application/json) goes to the first one offered.
 */
export function aliasesOf(offered: readonly string[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const type of offered) for (const a of entryOf(type)?.aliases ?? []) aliases[a] ??= type;
  return aliases;
}

/** The canonical type of an RDF media type libkg reads or one of its aliases; other types come back unchanged. */
export function canonicalRdfType(type: string): string {
  const e = ENTRIES.find((x) => x.kind === 'rdf' && x.read && x.aliases.includes(type));
  return e ? e.type : type;
}

/**
 * The media type of a `format=` short name: graph formats first where a graph is asked for
 * (`json` is JSON-LD there), SPARQL result formats first otherwise.
 */
export function formatNamed(name: string, graphResult: boolean): string | undefined {
  const first = graphResult ? 'rdf' : 'results';
  const order = [...ENTRIES.filter((e) => e.kind === first), ...ENTRIES.filter((e) => e.kind !== first)];
  return order.find((e) => e.names.includes(name))?.type;
}
