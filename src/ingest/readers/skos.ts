/**
 * SKOS thesauri (STW, UAT, …) in any RDF syntax, imported as a concept scheme:
 * one record graph per concept, `graph/skos/{scheme}/{concept key}`, plus one
 * for the scheme (which also keeps triples about anything else in the file).
 * The thesaurus's own IRIs are kept. The data is RDF already, so records take
 * the pipeline's raw-RDF path (`kind: 'rdf'`) and are written without mapping.
 * A thesaurus lists a concept's triples anywhere in the file (UAT repeats the
 * subject in several blocks), so the file is read whole and grouped by subject;
 * a syntax error anywhere rejects the file before anything is written.
 * The one addition to the data: `skos:inScheme` for concepts that leave their
 * scheme implicit (SKOS makes topConceptOf imply it; a one-scheme file, too).
 */
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { rdfTypeOfFile } from '../../rdf/media-types.js';
import { parseRdf } from '../../rdf/parse.js';
import { NS } from '../../vocab.js';
import { iris, slug } from '../identity/mint.js';
import type { Reader, ReaderContext, ReadItem } from '../types.js';
import type { RdfChunk } from './rdf.js';

const RDF_TYPE = NS.rdf('type');
const CONCEPT = NS.skos('Concept');
const SCHEME = NS.skos('ConceptScheme');
const IN_SCHEME = NS.skos('inScheme');
const TOP_CONCEPT_OF = NS.skos('topConceptOf');

/**
 * SKOS structure in the first bytes: a scheme, a typed concept, scheme
 * membership, or the SKOS-XL namespace, which only thesauri declare (the UAT
 * file opens with hundreds of dcterms:created blocks and that declaration).
 */
const SKOS_HEAD =
  /skos:(ConceptScheme|Concept\b|inScheme|topConceptOf|hasTopConcept)|2004\/02\/skos\/core#(ConceptScheme|Concept["'>]|inScheme|topConceptOf|hasTopConcept)|2008\/05\/skos-xl#/;

/** A thesaurus file: RDF by its extension, and SKOS by its head or because it lives under a `subjects/` folder. */
function detect(fileName: string, head: Buffer): boolean {
  if (!rdfTypeOfFile(fileName)) return false;
  if (/(^|[\\/])subjects[\\/]/.test(fileName)) return true;
  return SKOS_HEAD.test(head.toString('utf8', 0, Math.min(head.length, 4096)));
}

/** The last path segment with a letter in it, as a slug (`http://zbw.eu/stw` → `stw`, `http://astrothesaurus.org/uat/1` → `uat`). */
export function schemeSlug(schemeIri: string): string {
  const segments = schemeIri.replace(/^[a-z]+:\/\/[^/]+/i, '').split(/[/#]/);
  const named = segments.filter((seg) => /\p{L}/u.test(seg)).pop();
  return slug(named ?? '') || slug(schemeIri.replace(/^[a-z]+:\/\//i, ''));
}

/**
 * A concept's key inside its scheme: its IRI after the path it shares with the
 * scheme IRI (`…/stw` + `…/stw/descriptor/19406-5` → `descriptor/19406-5`;
 * `…/uat/1` + `…/uat/10` → `10`), else host and path.
 */
export function conceptKey(conceptIri: string, schemeIri: string | undefined): string {
  let shared = 0;
  if (schemeIri) {
    const scheme = `${schemeIri.replace(/[/#]+$/, '')}/`;
    while (shared < scheme.length && scheme[shared] === conceptIri[shared]) shared++;
    while (shared > 0 && !/[/#]/.test(conceptIri[shared - 1] ?? '')) shared--;
  }
  const rest = conceptIri.slice(shared);
  if (
    shared > conceptIri.indexOf('://') + 3 &&
    conceptIri
      .slice(0, shared)
      .replace(/^[a-z]+:\/\//i, '')
      .includes('/') &&
    rest
  )
    return rest;
  try {
    const u = new URL(conceptIri);
    return `${u.hostname}${u.pathname}${u.hash ? `/${u.hash.slice(1)}` : ''}`.replace(/\/+$/, '');
  } catch {
    return slug(conceptIri);
  }
}

interface Grouped {
  bySubject: Map<string, RDF.Quad[]>;
  /** Blank nodes by the subject whose triples first name them: they travel with it. */
  blankOwner: Map<string, string>;
  concepts: string[];
  schemes: string[];
}

const termKey = (t: RDF.Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

function group(quads: RDF.Quad[]): Grouped {
  const bySubject = new Map<string, RDF.Quad[]>();
  const blankOwner = new Map<string, string>();
  const concepts: string[] = [];
  const schemes: string[] = [];
  const conceptSet = new Set<string>();
  for (const q of quads) {
    const s = termKey(q.subject);
    let list = bySubject.get(s);
    if (!list) bySubject.set(s, (list = []));
    list.push(q);
    if (q.object.termType === 'BlankNode' && !blankOwner.has(`_:${q.object.value}`)) blankOwner.set(`_:${q.object.value}`, s);
    if (q.subject.termType !== 'NamedNode') continue;
    if (q.predicate.value === RDF_TYPE && q.object.value === SCHEME && !schemes.includes(s)) schemes.push(s);
    const isConcept = (q.predicate.value === RDF_TYPE && q.object.value === CONCEPT) || q.predicate.value === IN_SCHEME || q.predicate.value === TOP_CONCEPT_OF;
    if (isConcept && !conceptSet.has(s)) {
      conceptSet.add(s);
      concepts.push(s);
    }
  }
  return { bySubject, blankOwner, concepts: concepts.filter((c) => !schemes.includes(c)), schemes };
}

/**
 * The subject's triples plus those of the blank nodes it owns (transitively).
 * Blank nodes are relabelled in order of appearance: the parser's labels differ
 * from one parse to the next, and the store hashes a graph with its labels, so
 * stable labels keep a re-import of an unchanged thesaurus a no-op.
 */
function describe(subject: string, g: Grouped, taken: Set<string>, labels = new Map<string, RDF.BlankNode>()): RDF.Quad[] {
  const out: RDF.Quad[] = [];
  const stable = <T extends RDF.Term>(t: T): T => {
    if (t.termType !== 'BlankNode') return t;
    let b = labels.get(t.value);
    if (!b) labels.set(t.value, (b = N3.DataFactory.blankNode(`n${labels.size + 1}`)));
    return b as unknown as T;
  };
  const queue = [subject];
  while (queue.length) {
    const s = queue.shift() as string;
    if (taken.has(s)) continue;
    taken.add(s);
    for (const q of g.bySubject.get(s) ?? []) {
      out.push(N3.DataFactory.quad(stable(q.subject), q.predicate, stable(q.object)));
      const o = q.object.termType === 'BlankNode' ? `_:${q.object.value}` : undefined;
      if (o && g.blankOwner.get(o) === s) queue.push(o);
    }
  }
  return out;
}

/** The scheme a concept belongs to: its inScheme/topConceptOf among the file's schemes, else the file's only scheme. */
function schemeOf(concept: string, g: Grouped): string | undefined {
  const named = (g.bySubject.get(concept) ?? [])
    .filter((q) => q.predicate.value === IN_SCHEME || q.predicate.value === TOP_CONCEPT_OF)
    .map((q) => q.object.value);
  return named.find((s) => g.schemes.includes(s)) ?? named[0] ?? (g.schemes.length === 1 ? g.schemes[0] : undefined);
}

export const skosReader: Reader = {
  format: 'skos',
  detect,
  async *read(input: Readable, ctx: ReaderContext & { mediaType?: string }): AsyncIterable<ReadItem> {
    const mediaType = ctx.mediaType ?? rdfTypeOfFile(ctx.fileName) ?? 'text/turtle';
    const quads: RDF.Quad[] = [];
    try {
      for await (const q of parseRdf(input, mediaType, ctx.baseIri)) quads.push(q);
    } catch (e) {
      yield { failure: { index: 1, reason: `${mediaType} syntax error: ${(e as Error).message}` } };
      return;
    }
    const g = group(quads);
    const mint = iris(ctx.baseIri);
    const fileSlug = slug(basename(ctx.fileName).replace(/\.[^.]+(\.gz)?$/, ''));
    const taken = new Set<string>();

    // Concepts are described first, so each takes its own blank nodes; the scheme graph then gets the rest.
    const concepts = g.concepts.map((c) => {
      const scheme = schemeOf(c, g);
      const quads = describe(c, g, taken);
      // UAT states membership only for top concepts: the scheme is made explicit, so queries and subject matching see it.
      if (scheme && !quads.some((q) => q.subject.value === c && q.predicate.value === IN_SCHEME))
        quads.push(N3.DataFactory.quad(N3.DataFactory.namedNode(c), N3.DataFactory.namedNode(IN_SCHEME), N3.DataFactory.namedNode(scheme)));
      return { id: c, graph: mint.graph('skos', `${scheme ? schemeSlug(scheme) : fileSlug}/${conceptKey(c, scheme)}`), quads };
    });
    // The first scheme's graph also takes the rest of the file: one blank-node label map for both.
    const restLabels = new Map<string, RDF.BlankNode>();
    const schemes = g.schemes.map((s, i) => ({
      id: s,
      graph: mint.graph('skos', `${schemeSlug(s)}/scheme`),
      quads: describe(s, g, taken, i === 0 ? restLabels : undefined),
    }));
    const rest: RDF.Quad[] = [];
    for (const s of g.bySubject.keys()) if (!g.blankOwner.has(s)) rest.push(...describe(s, g, taken, restLabels));
    if (schemes[0]) schemes[0].quads.push(...rest);
    else if (rest.length) schemes.push({ id: fileSlug, graph: mint.graph('skos', `${fileSlug}/scheme`), quads: rest });

    let index = 0;
    for (const r of [...schemes, ...concepts]) {
      const chunk: RdfChunk = { graph: r.graph, quads: r.quads, append: false };
      yield { record: { index: ++index, id: r.id, kind: 'rdf', mapping: 'rdf', data: chunk } };
    }
  },
};
