/**
 * Data extension (Reconciliation API 0.2 §extend): after reconciling, a client
 * (OpenRefine's "Add columns from reconciled values") fetches property values
 * of the matched entities. Values come from the search index's documents, so
 * an extension costs no SPARQL query.
 */

import { own } from '../../own.js';
import { displayLabel } from '../../search/merge.js';
import type { SearchDoc } from '../../search/port.js';

type Cell = { str: string } | { id: string; name: string } | { date: string };

interface ExtensionProperty {
  name: string;
  values: (d: SearchDoc, idOf: (iri: string) => string | undefined) => Cell[];
}

const text = (xs: string[]): Cell[] => xs.map((str) => ({ str }));
const linkOrText = (xs: { iri?: string; label: string }[], idOf: (iri: string) => string | undefined): Cell[] =>
  xs.map((x) => {
    const id = x.iri && idOf(x.iri);
    return id ? { id, name: x.label } : { str: x.label };
  });

/** The properties a client can add as columns, by id. */
export const EXTENSION_PROPERTIES: Record<string, ExtensionProperty> = {
  name: { name: 'Name', values: (d) => text([displayLabel(d)]) },
  altLabel: { name: 'Other names and titles', values: (d) => text(d.altLabels.map((l) => l.value)) },
  type: { name: 'Type', values: (d) => text(d.types) },
  contributor: {
    name: 'Creators and contributors',
    values: (d, idOf) =>
      linkOrText(
        d.contributors.map((c) => ({ iri: c.iri, label: c.name })),
        idOf,
      ),
  },
  subject: { name: 'Subjects', values: (d, idOf) => linkOrText(d.subjects, idOf) },
  identifier: { name: 'Identifiers', values: (d) => text(d.identifiers.filter((i) => !/^https?:\/\//.test(i))) },
  sameAs: { name: 'Same as (other authorities)', values: (d) => text(d.identifiers.filter((i) => /^https?:\/\//.test(i))) },
  year: { name: 'Year', values: (d) => text(d.years.map(String)) },
  language: { name: 'Language', values: (d) => text(d.languages) },
  birthDate: { name: 'Date of birth', values: (d) => text(d.dates.birth ? [d.dates.birth] : []) },
  deathDate: { name: 'Date of death', values: (d) => text(d.dates.death ? [d.dates.death] : []) },
};

export function proposeProperties(limit: number) {
  return Object.entries(EXTENSION_PROPERTIES)
    .slice(0, limit)
    .map(([id, p]) => ({ id, name: p.name }));
}

export interface ExtendRequest {
  ids: string[];
  properties: { id: string }[];
}

/** The rows of an extension answer: for each id, each asked property's values (unknown ids and properties stay empty). */
export function extend(req: ExtendRequest, get: (id: string) => SearchDoc | undefined, idOf: (iri: string) => string | undefined) {
  const meta = req.properties.map((p) => ({ id: p.id, name: own(EXTENSION_PROPERTIES, p.id)?.name ?? p.id }));
  // fromEntries: ids and property names from the request stay own entries, "__proto__" included.
  const rows = Object.fromEntries(
    req.ids.map((id) => {
      const doc = get(id);
      return [id, Object.fromEntries(req.properties.map((p) => [p.id, doc ? (own(EXTENSION_PROPERTIES, p.id)?.values(doc, idOf) ?? []) : []]))];
    }),
  );
  return { meta, rows };
}
