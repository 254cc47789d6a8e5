/**
 * Subject matching: finds the concept of an imported thesaurus (STW, UAT, …)
 * that a subject string names, by notation or by a prefLabel/altLabel/
 * hiddenLabel/rdfs:label in any language, ignoring case, diacritics and
 * punctuation. The lookup table is built once from the store with SPARQL
 * (`SubjectIndex.fromStore`), then `match()` is a map lookup, so a mapping or
 * a post-import linking step can call it per record.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { QuadStore } from '../store/port.js';
import { PREFIXES, T } from '../vocab.js';
import { schemeSlug } from './readers/skos.js';

export type LabelKind = 'notation' | 'prefLabel' | 'altLabel' | 'hiddenLabel' | 'label';

/** One label (or notation) of one concept, as the store holds it. */
export interface ConceptLabel {
  concept: string;
  scheme?: string;
  kind: LabelKind;
  label: string;
  deprecated?: boolean;
  /** dct:isReplacedBy of a deprecated concept. */
  replacedBy?: string;
}

export interface SchemeInfo {
  scheme: string;
  /** Names a vocabulary code may use for the scheme: dct:identifier, skos:notation, titles, the IRI's slug. */
  aliases: string[];
}

export interface SubjectMatch {
  concept: string;
  scheme?: string;
  matchedBy: LabelKind;
  /** The label or notation as written in the thesaurus. */
  label: string;
  /** The deprecated concept whose label matched, when `concept` is its replacement. */
  replaces?: string;
}

export interface MatchOptions {
  /** Vocabulary code or scheme IRI (MARC 6XX $2, DataCite subjectScheme): only that scheme's concepts. */
  vocabulary?: string;
  /** A notation given apart from the label (e.g. a DataCite classificationCode). */
  notation?: string;
}

/** Case-, diacritics- and punctuation-insensitive form of a label. */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Notations keep their punctuation (`V.16` is not `V16`); only case and spacing are ignored. */
const normalizeNotation = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Better kinds first: a notation is exact, a prefLabel beats an altLabel, rdfs:label comes last. */
const RANK: Record<LabelKind, number> = { notation: 0, prefLabel: 1, altLabel: 2, hiddenLabel: 3, label: 4 };

const p = PREFIXES;
/** Labels of concepts in the record graphs of imported thesauri (`graph/skos/…`), not of concepts other mappings mint. */
const labelsQuery = (thesaurusGraphs: string) => `PREFIX skos: <${p.skos}> PREFIX rdfs: <${p.rdfs}> PREFIX owl: <${p.owl}> PREFIX dct: <${p.dct}>
SELECT ?concept ?scheme ?kind ?label ?deprecated ?replacedBy WHERE {
  VALUES (?prop ?kind) { (skos:prefLabel "prefLabel") (skos:altLabel "altLabel") (skos:hiddenLabel "hiddenLabel") (skos:notation "notation") (rdfs:label "label") }
  GRAPH ?g {
    ?concept ?prop ?label .
    OPTIONAL { ?concept skos:inScheme ?scheme }
    OPTIONAL { ?concept owl:deprecated ?deprecated }
    OPTIONAL { ?concept dct:isReplacedBy ?replacedBy }
  }
  FILTER(STRSTARTS(STR(?g), ${JSON.stringify(thesaurusGraphs)}))
}`;

const schemesQuery = (thesaurusGraphs: string) => `PREFIX skos: <${p.skos}> PREFIX rdfs: <${p.rdfs}> PREFIX dct: <${p.dct}> PREFIX dc: <${p.dc}>
SELECT DISTINCT ?scheme ?alias WHERE {
  GRAPH ?g {
    ?scheme a skos:ConceptScheme .
    OPTIONAL { ?scheme dct:identifier|dc:identifier|skos:notation|dct:title|dc:title|skos:prefLabel|rdfs:label|<http://purl.org/vocab/vann/preferredNamespacePrefix> ?alias }
  }
  FILTER(STRSTARTS(STR(?g), ${JSON.stringify(thesaurusGraphs)}))
}`;

type Binding = Record<string, { value: string } | undefined>;

async function select(store: Pick<QuadStore, 'query'>, sparql: string): Promise<Binding[]> {
  const res = await store.query(sparql, { format: 'application/sparql-results+json' });
  return (JSON.parse(res.body) as { results: { bindings: Binding[] } }).results.bindings;
}

export class SubjectIndex {
  /** normalised label → labels carrying it */
  private readonly byLabel = new Map<string, ConceptLabel[]>();
  private readonly byNotation = new Map<string, ConceptLabel[]>();
  private readonly schemeAliases = new Map<string, Set<string>>();

  constructor(labels: ConceptLabel[], schemes: SchemeInfo[] = []) {
    const add = (map: Map<string, ConceptLabel[]>, key: string, l: ConceptLabel) => {
      if (!key) return;
      const list = map.get(key);
      if (list) list.push(l);
      else map.set(key, [l]);
    };
    const notations = new Map<string, string[]>();
    for (const l of labels) if (l.kind === 'notation') notations.set(l.concept, [...(notations.get(l.concept) ?? []), l.label]);
    for (const l of labels) {
      if (l.kind === 'notation') {
        add(this.byNotation, normalizeNotation(l.label), l);
        continue;
      }
      add(this.byLabel, normalizeLabel(l.label), l);
      // STW systematic labels repeat the notation: "V.16  Statistik und Ökonometrie".
      for (const n of notations.get(l.concept) ?? [])
        if (l.label.startsWith(`${n} `)) add(this.byLabel, normalizeLabel(l.label.slice(n.length)), { ...l, label: l.label.slice(n.length).trim() });
    }
    for (const s of schemes) {
      const set = new Set([normalizeLabel(schemeSlug(s.scheme)), s.scheme]);
      for (const a of s.aliases) set.add(normalizeLabel(a));
      this.schemeAliases.set(s.scheme, set);
    }
  }

  /** Reads the labels and schemes of every thesaurus imported under `baseIri` (graphs `graph/skos/…`). */
  static async fromStore(store: Pick<QuadStore, 'query'>, opts: { baseIri: string }): Promise<SubjectIndex> {
    const thesaurusGraphs = `${opts.baseIri}graph/skos/`;
    const labels = (await select(store, labelsQuery(thesaurusGraphs))).flatMap((b): ConceptLabel[] => {
      const concept = b.concept?.value;
      const label = b.label?.value;
      if (!concept || !label) return [];
      return [
        {
          concept,
          kind: (b.kind?.value ?? 'label') as LabelKind,
          label,
          ...(b.scheme ? { scheme: b.scheme.value } : {}),
          ...(b.deprecated?.value === 'true' ? { deprecated: true } : {}),
          ...(b.replacedBy ? { replacedBy: b.replacedBy.value } : {}),
        },
      ];
    });
    const schemes = new Map<string, string[]>();
    for (const b of await select(store, schemesQuery(thesaurusGraphs))) {
      const s = b.scheme?.value;
      if (!s) continue;
      const list = schemes.get(s) ?? [];
      if (b.alias) list.push(b.alias.value);
      schemes.set(s, list);
    }
    // Schemes carry labels too; they are not concepts (filtered here: cheaper than FILTER NOT EXISTS per row).
    return new SubjectIndex(
      labels.filter((l) => !schemes.has(l.concept)),
      [...schemes].map(([scheme, aliases]) => ({ scheme, aliases })),
    );
  }

  /** Number of distinct normalised labels and notations. */
  get size(): number {
    return this.byLabel.size + this.byNotation.size;
  }

  /** Schemes a vocabulary code names: by dct:identifier, notation, title or the slug of the scheme IRI. */
  private schemesFor(vocabulary: string): Set<string> {
    const code = normalizeLabel(vocabulary);
    const out = new Set<string>();
    for (const [scheme, aliases] of this.schemeAliases) if (aliases.has(code) || aliases.has(vocabulary)) out.add(scheme);
    return out;
  }

  /** Whether a vocabulary code names an imported scheme. */
  knows(vocabulary: string): boolean {
    return this.schemesFor(vocabulary).size > 0;
  }

  /** Every matching concept, best first: notation, prefLabel, altLabel, hiddenLabel, rdfs:label; live concepts before deprecated ones. */
  matchAll(subject: string, opts: MatchOptions = {}): SubjectMatch[] {
    const candidates = [
      ...(opts.notation ? (this.byNotation.get(normalizeNotation(opts.notation)) ?? []) : []),
      ...(this.byNotation.get(normalizeNotation(subject)) ?? []),
      ...(this.byLabel.get(normalizeLabel(subject)) ?? []),
    ];
    const schemes = opts.vocabulary ? this.schemesFor(opts.vocabulary) : undefined;
    const inScope = (l: ConceptLabel) => !schemes || (l.scheme !== undefined && schemes.has(l.scheme));
    const ranked = candidates
      .filter(inScope)
      .filter((l) => !l.deprecated || l.replacedBy)
      .sort((a, b) => Number(!!a.deprecated) - Number(!!b.deprecated) || RANK[a.kind] - RANK[b.kind] || a.concept.localeCompare(b.concept));
    const seen = new Set<string>();
    const out: SubjectMatch[] = [];
    for (const l of ranked) {
      // A deprecated concept's label leads to the concept that replaced it.
      const concept = l.deprecated && l.replacedBy ? l.replacedBy : l.concept;
      if (seen.has(concept)) continue;
      seen.add(concept);
      out.push({
        concept,
        ...(l.scheme ? { scheme: l.scheme } : {}),
        matchedBy: l.kind,
        label: l.label,
        ...(concept !== l.concept ? { replaces: l.concept } : {}),
      });
    }
    return out;
  }

  /** The best matching concept, or undefined. */
  match(subject: string, opts: MatchOptions = {}): SubjectMatch | undefined {
    return this.matchAll(subject, opts)[0];
  }
}

/**
 * Concepts other mappings mint (`{base}id/concept/…`: DataCite keywords, MARC 6XX and classification)
 * with their labels, notation and scheme: one row per distinct statement, not a join, because every
 * record graph repeats a concept's statements and the union default graph keeps each copy (a join of
 * the three over a notation used in n records gave n³ rows).
 */
const mintedQuery = (conceptPrefix: string) => `PREFIX skos: <${p.skos}>
SELECT DISTINCT ?concept ?label ?scheme ?notation WHERE {
  { ?concept skos:prefLabel ?label } UNION { ?concept skos:inScheme ?scheme } UNION { ?concept skos:notation ?notation }
  FILTER(STRSTARTS(STR(?concept), ${JSON.stringify(conceptPrefix)}))
}`;

/**
 * The post-import linking step: links each concept a mapping minted from a
 * subject string to the thesaurus concept it names. `skos:exactMatch` when the
 * record named that thesaurus (`id/scheme/stw` and the like), `skos:closeMatch`
 * when only the label matched one concept of all imported thesauri (an
 * ambiguous label links nothing). The links form one graph,
 * `graph/links/subjects`, replaced on every run, so running it again is a no-op.
 */
export async function linkSubjects(
  store: Pick<QuadStore, 'query' | 'putGraphs'>,
  opts: { baseIri: string; index?: SubjectIndex },
): Promise<{ concepts: number; links: number; written: boolean }> {
  const index = opts.index ?? (await SubjectIndex.fromStore(store, opts));
  const schemePrefix = `${opts.baseIri}id/scheme/`;
  const minted = new Map<string, { labels: Set<string>; vocabulary?: string; notation?: string }>();
  for (const b of await select(store, mintedQuery(`${opts.baseIri}id/concept/`))) {
    const concept = b.concept?.value;
    if (!concept) continue;
    const entry = minted.get(concept) ?? { labels: new Set<string>() };
    if (b.label) entry.labels.add(b.label.value);
    const scheme = b.scheme?.value;
    if (scheme?.startsWith(schemePrefix)) entry.vocabulary = decodeURIComponent(scheme.slice(schemePrefix.length));
    if (b.notation) entry.notation = b.notation.value;
    minted.set(concept, entry);
  }
  const { namedNode, quad } = N3.DataFactory;
  const links: RDF.Quad[] = [];
  for (const [concept, entry] of [...minted].sort(([a], [b]) => a.localeCompare(b))) {
    if (!entry.labels.size) continue;
    const known = entry.vocabulary !== undefined && index.knows(entry.vocabulary);
    for (const label of entry.labels) {
      const found = index.matchAll(label, known ? { vocabulary: entry.vocabulary, notation: entry.notation } : {});
      const target = known ? found[0] : found.length === 1 ? found[0] : undefined;
      if (!target) continue;
      links.push(quad(namedNode(concept), known ? T.skos('exactMatch') : T.skos('closeMatch'), namedNode(target.concept)));
      break;
    }
  }
  const graph = `${opts.baseIri}graph/links/subjects`;
  // Nothing to link and no links kept: writing an empty graph would only add a change to the log.
  if (!links.length && !(await select(store, `SELECT ?s WHERE { GRAPH <${graph}> { ?s ?p ?o } } LIMIT 1`)).length)
    return { concepts: minted.size, links: 0, written: false };
  const result = await store.putGraphs([{ graph, quads: links, source: 'subject linking' }]);
  return { concepts: minted.size, links: links.length, written: result.written.length > 0 };
}
