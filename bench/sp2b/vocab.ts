/**
 * The SP2Bench schema mapped onto libkg's library vocabulary: SP2Bench's
 * bench:/swrc:/dc: terms become the BIBO/DCTERMS/FOAF/CiTO terms libkg
 * itself maps records to, so the benchmark exercises the graph shapes the
 * server really holds.
 */
import { NS } from '../../src/vocab.js';

export const BASE = 'http://bench.libkg.example/sp2b/';
export const GRAPH = `${BASE}graph`;

export const V = {
  type: NS.rdf('type'),
  subClassOf: NS.rdfs('subClassOf'),
  seeAlso: NS.rdfs('seeAlso'), // SP2Bench rdfs:seeAlso (electronic edition)
  Document: NS.foaf('Document'),
  Person: NS.foaf('Person'),
  name: NS.foaf('name'),
  homepage: NS.foaf('homepage'),
  Article: NS.bibo('Article'), // bench:Article
  Inproceedings: NS.fabio('ConferencePaper'), // bench:Inproceedings
  Book: NS.bibo('Book'),
  Thesis: NS.bibo('Thesis'), // bench:PhDThesis
  Journal: NS.bibo('Journal'),
  Proceedings: NS.bibo('Proceedings'),
  title: NS.dct('title'), // dc:title
  creator: NS.dct('creator'), // dc:creator
  issued: NS.dct('issued'), // dcterms:issued (year, xsd:integer as in SP2Bench)
  partOf: NS.dct('isPartOf'), // dcterms:partOf and swrc:journal
  abstract: NS.dct('abstract'), // bench:abstract
  publisher: NS.dct('publisher'),
  pages: NS.bibo('pages'), // swrc:pages
  volume: NS.bibo('volume'), // stands in for swrc:month (present on a part of the articles)
  isbn: NS.bibo('isbn'), // swrc:isbn (never on articles: q3c is empty, as in SP2Bench)
  shortTitle: NS.bibo('shortTitle'), // bench:booktitle
  editor: NS.bibo('editor'), // swrc:editor
  cites: NS.cito('cites'), // dcterms:references (direct links instead of rdf:Bag)
  integer: NS.xsd('integer'),
  string: NS.xsd('string'),
} as const;

export const PREFIX_DECLS = `PREFIX rdf: <${NS.rdf('')}>
PREFIX rdfs: <${NS.rdfs('')}>
PREFIX xsd: <${NS.xsd('')}>
PREFIX foaf: <${NS.foaf('')}>
PREFIX dct: <${NS.dct('')}>
PREFIX bibo: <${NS.bibo('')}>
PREFIX fabio: <${NS.fabio('')}>
PREFIX cito: <${NS.cito('')}>
PREFIX person: <${BASE}person/>
PREFIX work: <${BASE}work/>
`;
