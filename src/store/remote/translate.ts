/**
 * How libkg's data looks on the remote, and back.
 *
 * - Blank nodes are skolemized: `_:x` is kept remotely as `<urn:libkg:bnode:x>`. SPARQL Update cannot name
 *   an existing blank node (INSERT DATA even refuses them on Virtuoso), so only skolem IRIs let a later
 *   delete, a DELETE WHERE, or a graph re-push address the same node. Results are translated back, so
 *   clients see blank nodes as before.
 * - The private default graph ('' in the port) lives in `<urn:libkg:default>`, hidden from GRAPH ?g.
 * - The change-log sequence the remote has applied lives in `<urn:libkg:meta>`, hidden from every query.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { RdfMediaType } from '../../rdf/media-types.js';
import { termToNt } from '../../rdf/nquads.js';
import { serializeQuads } from '../../rdf/serialize.js';

const { DataFactory: F } = N3;

export const SKOLEM_PREFIX = 'urn:libkg:bnode:';
export const DEFAULT_GRAPH_IRI = 'urn:libkg:default';
export const META_GRAPH_IRI = 'urn:libkg:meta';
export const APPLIED_SEQ_IRI = 'urn:libkg:appliedSeq';

/** The remote graph IRI of a port graph name. */
export const remoteGraph = (g: string): string => (g === '' ? DEFAULT_GRAPH_IRI : g);

/** A term as the remote keeps it, in N-Triples syntax. */
export function remoteTerm(t: RDF.Term): string {
  return t.termType === 'BlankNode' ? `<${SKOLEM_PREFIX}${t.value}>` : termToNt(t);
}

/** Quads grouped as `GRAPH <g> { s p o . ... }` blocks for INSERT DATA / DELETE DATA. */
export function graphBlocks(quads: Iterable<RDF.Quad>): string {
  const byGraph = new Map<string, string[]>();
  for (const q of quads) {
    const g = remoteGraph(q.graph.termType === 'DefaultGraph' ? '' : q.graph.value);
    let lines = byGraph.get(g);
    if (!lines) byGraph.set(g, (lines = []));
    lines.push(`${remoteTerm(q.subject)} ${remoteTerm(q.predicate)} ${remoteTerm(q.object)} .`);
  }
  return [...byGraph].map(([g, lines]) => `GRAPH <${g}> {\n${lines.join('\n')}\n}`).join('\n');
}

/** Triples as the remote keeps them, as an N-Triples document (a Graph Store body). */
export function ntriplesOf(quads: Iterable<RDF.Quad>): string {
  let out = '';
  for (const q of quads) out += `${remoteTerm(q.subject)} ${remoteTerm(q.predicate)} ${remoteTerm(q.object)} .\n`;
  return out;
}

/** A remote term (from SPARQL JSON) as an RDF/JS term, skolem IRIs back to blank nodes. */
export function termFromJson(b: { type: string; value: string; 'xml:lang'?: string; datatype?: string }): RDF.Term {
  if (b.type === 'uri') return b.value.startsWith(SKOLEM_PREFIX) ? F.blankNode(b.value.slice(SKOLEM_PREFIX.length)) : F.namedNode(b.value);
  if (b.type === 'bnode') return F.blankNode(b.value);
  return F.literal(b.value, b['xml:lang'] || (b.datatype ? F.namedNode(b.datatype) : undefined));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SK = escapeRe(SKOLEM_PREFIX);
const JSON_SKOLEM = new RegExp(`"type"\\s*:\\s*"uri"\\s*,\\s*"value"\\s*:\\s*"${SK}([^"\\\\]*)"`, 'g');
const JSON_TYPED = /"type"\s*:\s*"typed-literal"/g;
const XML_SKOLEM = new RegExp(`<uri>${SK}([^<]*)</uri>`, 'g');
const NT_SKOLEM = new RegExp(`<${SK}([^>]*)>`, 'g');

/** SPARQL JSON from the remote as libkg answers it: blank nodes back, and SPARQL 1.1's "literal" for Virtuoso's "typed-literal". */
export const jsonFromRemote = (body: string): string => body.replace(JSON_SKOLEM, '"type": "bnode", "value": "$1"').replace(JSON_TYPED, '"type": "literal"');
export const xmlFromRemote = (body: string): string => body.replace(XML_SKOLEM, '<bnode>$1</bnode>');
export const ntFromRemote = (body: string): string => body.replace(NT_SKOLEM, '_:$1');

type JsonResults = { head: { vars?: string[] }; results?: { bindings: Record<string, never>[] } };

/**
 * SPARQL 1.1 TSV written here from the JSON answer: Virtuoso's TSV quotes IRIs and strings like CSV
 * instead of writing N-Triples terms.
 */
export function tsvFromJson(json: string): string {
  const r = JSON.parse(json) as JsonResults;
  const vars = r.head.vars ?? [];
  const lines = [vars.map((v) => `?${v}`).join('\t')];
  for (const b of r.results?.bindings ?? []) lines.push(vars.map((v) => (b[v] ? termToNt(termFromJson(b[v])) : '')).join('\t'));
  return `${lines.join('\n')}\n`;
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** SPARQL 1.1 CSV written here from the JSON answer, quoted only where needed, as the embedded engines write it. */
export function csvFromJson(json: string): string {
  const r = JSON.parse(json) as JsonResults;
  const vars = r.head.vars ?? [];
  const lines = [vars.map(csvField).join(',')];
  for (const b of r.results?.bindings ?? []) {
    lines.push(
      vars
        .map((v) => {
          if (!b[v]) return '';
          const t = termFromJson(b[v]);
          return csvField(t.termType === 'BlankNode' ? `_:${t.value}` : t.value);
        })
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A graph result fetched as N-Triples, in the asked format. */
export async function graphFromRemote(ntriples: string, format: string): Promise<string> {
  const nt = ntFromRemote(ntriples);
  if (format === 'application/n-triples') return nt;
  const quads = new N3.Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(nt);
  return serializeQuads(quads, format as RdfMediaType);
}
