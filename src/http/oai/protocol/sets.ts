/**
 * OAI sets by entity type. A record graph holds its main entity plus the
 * agents and concepts it names, so a record's type is the most specific
 * kind among its entities' rdf:types, in the priority below (a catalog
 * record naming persons is a work; an authority record is a person).
 */
import { LINK, NS } from '../../../vocab.js';

export interface SetDef {
  spec: string;
  name: string;
  /** rdf:type IRIs whose presence puts a record in the set. */
  classes: readonly string[];
  /** Record-graph sources whose records belong here when the content is gone (tombstones). */
  sources: readonly string[];
}

/** In priority order: the first set whose class occurs in a record graph is the record's set. */
export const SETS: readonly SetDef[] = [
  { spec: 'type:patent', name: 'Patent documents', classes: [NS.bibo('Patent'), NS.libkg('PatentDocument')], sources: ['patent'] },
  { spec: 'type:dataset', name: 'Datasets and software', classes: [NS.dcat('Dataset'), NS.schema('SoftwareSourceCode')], sources: ['datacite'] },
  { spec: 'type:usage', name: 'Usage statistics', classes: [NS.libkg('UsageStatistic')], sources: ['counter', 'usage'] },
  {
    spec: 'type:work',
    name: 'Works and instances (catalog records)',
    classes: [
      NS.bibo('Document'),
      NS.bibo('Book'),
      NS.bibo('Periodical'),
      NS.bibo('Thesis'),
      NS.bibo('Map'),
      NS.bibo('AudioDocument'),
      NS.bibo('AudioVisualDocument'),
      NS.bibo('Manuscript'),
      NS.bf('NotatedMusic'),
      NS.fabio('Expression'),
    ],
    sources: ['catalog'],
  },
  { spec: 'type:person', name: 'Persons', classes: [NS.foaf('Person')], sources: ['authority', 'orcid'] },
  { spec: 'type:organization', name: 'Organisations', classes: [NS.foaf('Organization'), NS.org('Organization'), NS.bf('Meeting')], sources: [] },
  { spec: 'type:concept', name: 'Concepts', classes: [NS.skos('Concept'), NS.skos('ConceptScheme')], sources: ['skos'] },
  // The link graphs `{base}graph/links/{spec}`: one record per link spec, harvested like any other.
  { spec: 'type:links', name: 'Links found by link specs (owl:sameAs and others)', classes: [LINK.LinkRun], sources: ['links'] },
];

const SET_OF_CLASS = new Map<string, number>();
SETS.forEach((s, i) => {
  for (const c of s.classes) if (!SET_OF_CLASS.has(c)) SET_OF_CLASS.set(c, i);
});

/** The set spec of a record given its entities' types, or undefined when no known type occurs. */
export function setOfTypes(types: Iterable<string>): string | undefined {
  let best = Number.POSITIVE_INFINITY;
  for (const t of types) {
    const i = SET_OF_CLASS.get(t);
    if (i !== undefined && i < best) best = i;
  }
  return SETS[best]?.spec;
}

/** The set of a deleted record, from its graph's source segment (the content is gone). */
export function setOfSource(source: string): string | undefined {
  return SETS.find((s) => s.sources.includes(source))?.spec;
}

export const isSetSpec = (spec: string) => SETS.some((s) => s.spec === spec);

/** The classes a set is made of, for finding a record's main entity. */
export const classesOf = (spec: string): readonly string[] => SETS.find((s) => s.spec === spec)?.classes ?? [];
