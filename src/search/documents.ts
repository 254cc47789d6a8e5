/**
 * What search knows about each entity of one record graph: labels, types,
 * contributor names, subject labels, identifiers, text, languages, years.
 * Names of linked people, organisations and concepts come from the same graph
 * (mappings put them there), else from the index (`knownLabels`).
 */
import type * as RDF from '@rdfjs/types';
import { own } from '../own.js';
import { NS } from '../vocab.js';
import type { LangText, SearchDoc } from './port.js';
import { stripTags } from './text.js';

const LABELS = [NS.dct('title'), NS.rdfs('label'), NS.skos('prefLabel'), NS.foaf('name'), NS.schema('name'), NS.dc('title')];
const ALT_LABELS = [
  NS.skos('altLabel'),
  NS.skos('hiddenLabel'),
  NS.dct('alternative'),
  NS.bf('mainTitle'),
  NS.bf('subtitle'),
  NS.schema('alternateName'),
  NS.foaf('familyName'),
];
const CONTRIBUTORS = [NS.dct('creator'), NS.dct('contributor'), NS.dc('creator'), NS.libkg('inventor'), NS.libkg('applicant'), NS.schema('author')];
const SUBJECTS = [NS.dct('subject'), NS.dc('subject'), NS.dcat('keyword'), NS.schema('knowsAbout'), NS.schema('keywords')];
const IDENTIFIERS = [
  NS.dct('identifier'),
  NS.bibo('isbn'),
  NS.bibo('isbn10'),
  NS.bibo('isbn13'),
  NS.bibo('doi'),
  NS.bibo('issn'),
  NS.bibo('eissn'),
  NS.bibo('lccn'),
  NS.bibo('oclcnum'),
  NS.libkg('orcid'),
  NS.libkg('gnd'),
  NS.libkg('isni'),
  NS.libkg('viaf'),
  NS.libkg('lcnaf'),
  NS.libkg('ror'),
  NS.libkg('publicationNumber'),
  NS.libkg('applicationNumber'),
  NS.skos('notation'),
  NS.schema('identifier'),
  NS.owl('sameAs'),
];
const TEXT = [
  NS.dct('abstract'),
  NS.dct('description'),
  NS.skos('definition'),
  NS.skos('scopeNote'),
  NS.skos('note'),
  NS.schema('hasOccupation'),
  NS.bf('responsibilityStatement'),
  NS.libkg('placeOfPublication'),
  NS.dct('tableOfContents'),
];
const YEARS = [NS.dct('issued'), NS.dct('created'), NS.dct('date'), NS.schema('datePublished')];
const RDF_TYPE = NS.rdf('type');
const CONTRIBUTION = NS.bf('contribution');
const AGENT = NS.bf('agent');

/** Entities of these types only are statistics or record bookkeeping, not things people search for. */
const SKIPPED_TYPES = new Set([NS.libkg('UsageStatistic'), NS.prov('Entity')]);

/** ISO 639-2 bibliographic codes (as MARC and id.loc.gov write them) to ISO 639-1, for one language facet. */
const ISO639_1: Record<string, string> = {
  ger: 'de',
  deu: 'de',
  eng: 'en',
  fre: 'fr',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  rus: 'ru',
  chi: 'zh',
  zho: 'zh',
  jpn: 'ja',
  kor: 'ko',
  ara: 'ar',
  heb: 'he',
  dut: 'nl',
  nld: 'nl',
  swe: 'sv',
  dan: 'da',
  nor: 'no',
  fin: 'fi',
  pol: 'pl',
  cze: 'cs',
  ces: 'cs',
  gre: 'el',
  ell: 'el',
  lat: 'la',
  tur: 'tr',
  hun: 'hu',
  ukr: 'uk',
  per: 'fa',
  fas: 'fa',
  hin: 'hi',
};

export function languageCode(value: string): string {
  const code = (
    value
      .replace(/[/#]+$/, '')
      .split(/[/#]/)
      .pop() ?? value
  ).toLowerCase();
  return own(ISO639_1, code) ?? code;
}

/** A language value search can facet on: a 2-3 letter code (MARC's "n/a" and the like are not languages). */
export function languageFacet(value: string): string | undefined {
  const code = languageCode(value);
  return /^[a-z]{2,3}$/.test(code) ? code : undefined;
}

const text = (l: RDF.Literal): LangText => ({ value: l.value, lang: l.language });

function uniqueTexts(xs: LangText[]): LangText[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = `${x.lang}\u0000${x.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
const unique = <T>(xs: T[]) => [...new Set(xs)];

function yearOf(value: string): number | undefined {
  const m = /^-?(\d{4})/.exec(value.trim()) ?? /\b(\d{4})\b/.exec(value);
  return m ? Number(m[1]) : undefined;
}

export interface DocumentOptions {
  baseIri: string;
  /** Labels the index already knows, for linked entities the graph names without a label. */
  knownLabels?: (iris: string[]) => Map<string, string>;
}

/** Whether a subject IRI is an entity search lists: the base IRI's things (not their #parts), or any labelled, typed resource (e.g. a thesaurus concept). */
function isEntity(iri: string, thingPrefix: string, props: Map<string, RDF.Term[]>): boolean {
  const types = (props.get(RDF_TYPE) ?? []).map((t) => t.value);
  if (types.length > 0 && types.every((t) => SKIPPED_TYPES.has(t))) return false;
  if (iri.startsWith(thingPrefix)) return !iri.includes('#');
  return types.length > 0 && LABELS.some((p) => props.has(p));
}

/** The search documents of a record graph's entities. */
export function documentsOf(quads: RDF.Quad[], options: DocumentOptions): SearchDoc[] {
  const steps = documentSteps(quads, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same documents, built a slice of about `sliceMs` at a time with `pause()` awaited between slices
 * (a server lets requests in while it reads a graph of many thousand entities).
 */
export async function documentsOfInSlices(quads: RDF.Quad[], options: DocumentOptions, sliceMs: number, pause: () => Promise<unknown>): Promise<SearchDoc[]> {
  const steps = documentSteps(quads, options);
  let t0 = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - t0 >= sliceMs) {
      await pause();
      t0 = performance.now();
    }
  }
}

/** Units of work between yields of `documentSteps`: quads grouped, or entities described. */
const STEP = 500;

/** Builds the documents, yielding every few hundred quads or entities (where a caller may pause). */
function* documentSteps(quads: RDF.Quad[], options: DocumentOptions): Generator<void, SearchDoc[]> {
  const bySubject = new Map<string, Map<string, RDF.Term[]>>();
  let n = 0;
  for (const q of quads) {
    if (++n % STEP === 0) yield;
    const s = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value;
    let props = bySubject.get(s);
    if (!props) bySubject.set(s, (props = new Map()));
    let objs = props.get(q.predicate.value);
    if (!objs) props.set(q.predicate.value, (objs = []));
    objs.push(q.object);
  }
  const thingPrefix = `${options.baseIri}id/`;
  const key = (t: RDF.Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);
  const localLabel = (t: RDF.Term): string | undefined => {
    const props = bySubject.get(key(t));
    for (const p of LABELS) {
      const l = props?.get(p)?.find((o) => o.termType === 'Literal');
      if (l) return l.value;
    }
    return undefined;
  };

  const docs: SearchDoc[] = [];
  const unlabelled = new Set<string>();
  for (const [iri, props] of bySubject) {
    if (++n % STEP === 0) yield;
    if (iri.startsWith('_:') || !isEntity(iri, thingPrefix, props)) continue;
    const objects = (ps: string[]) => ps.flatMap((p) => props.get(p) ?? []);
    const literals = (ps: string[]) => objects(ps).filter((o): o is RDF.Literal => o.termType === 'Literal');
    const agents = objects(CONTRIBUTORS);
    for (const c of objects([CONTRIBUTION])) agents.push(...(bySubject.get(key(c))?.get(AGENT) ?? []));
    const contributors: SearchDoc['contributors'] = [];
    const seenAgents = new Set<string>();
    for (const a of agents) {
      if (seenAgents.has(a.value)) continue;
      seenAgents.add(a.value);
      if (a.termType === 'Literal') contributors.push({ name: a.value });
      else if (a.termType === 'NamedNode') {
        const l = localLabel(a);
        if (!l) unlabelled.add(a.value);
        contributors.push({ iri: a.value, name: l ?? a.value });
      }
    }
    const subjects: SearchDoc['subjects'] = [];
    for (const s of objects(SUBJECTS)) {
      if (s.termType === 'Literal') subjects.push({ label: s.value });
      else if (s.termType === 'NamedNode') {
        const l = localLabel(s);
        if (!l) unlabelled.add(s.value);
        subjects.push({ iri: s.value, label: l ?? s.value });
      }
    }
    const dates: SearchDoc['dates'] = {};
    const birth = literals([NS.schema('birthDate')])[0]?.value;
    const death = literals([NS.schema('deathDate')])[0]?.value;
    const lifespan = /^(\d{3,4})?\s*-\s*(\d{3,4})?/.exec(literals([NS.libkg('lifespan')])[0]?.value ?? '');
    if (birth ?? lifespan?.[1]) dates.birth = birth ?? lifespan?.[1];
    if (death ?? lifespan?.[2]) dates.death = death ?? lifespan?.[2];
    docs.push({
      iri,
      types: unique(objects([RDF_TYPE]).map((t) => t.value)),
      labels: uniqueTexts(literals(LABELS).map(text)),
      altLabels: uniqueTexts(literals(ALT_LABELS).map(text)),
      contributors,
      subjects,
      identifiers: unique(objects(IDENTIFIERS).map((o) => o.value)),
      text: uniqueTexts(literals(TEXT).map((l) => ({ value: stripTags(l.value).replace(/\s+/g, ' ').trim(), lang: l.language }))),
      languages: unique(objects([NS.dct('language')]).flatMap((o) => languageFacet(o.value) ?? [])),
      years: unique(literals(YEARS).flatMap((l) => yearOf(l.value) ?? [])),
      dates,
    });
  }
  // Linked entities described in other graphs (a thesaurus concept, an authority record): their label from the index.
  if (unlabelled.size > 0 && options.knownLabels) {
    const known = options.knownLabels([...unlabelled]);
    for (const d of docs) {
      for (const s of d.subjects) if (s.iri && s.label === s.iri) s.label = known.get(s.iri) ?? s.label;
      for (const c of d.contributors) if (c.iri && c.name === c.iri) c.name = known.get(c.iri) ?? c.name;
    }
  }
  return docs;
}
