/** One entity from the parts several graphs give of it, and the texts each index column holds. */

import { identifierForms } from './identifiers.js';
import type { LangText, SearchDoc } from './port.js';
import { indexText } from './text.js';

function mergeTexts(a: LangText[], b: LangText[]): LangText[] {
  const seen = new Set(a.map((x) => `${x.lang}\u0000${x.value}`));
  return [...a, ...b.filter((x) => !seen.has(`${x.lang}\u0000${x.value}`))];
}
const union = <T>(a: T[], b: T[]) => [...new Set([...a, ...b])];

/** One entity from what every graph says about it. */
export function mergeDocs(parts: SearchDoc[]): SearchDoc {
  const [first, ...rest] = parts as [SearchDoc, ...SearchDoc[]];
  const out: SearchDoc = structuredClone(first);
  for (const d of rest) {
    out.types = union(out.types, d.types);
    out.labels = mergeTexts(out.labels, d.labels);
    out.altLabels = mergeTexts(out.altLabels, d.altLabels);
    const agents = new Set(out.contributors.map((c) => c.iri ?? c.name));
    out.contributors.push(...d.contributors.filter((c) => !agents.has(c.iri ?? c.name)));
    const seen = new Set(out.subjects.map((s) => s.iri ?? s.label));
    out.subjects.push(...d.subjects.filter((s) => !seen.has(s.iri ?? s.label)));
    out.identifiers = union(out.identifiers, d.identifiers);
    out.text = mergeTexts(out.text, d.text);
    out.languages = union(out.languages, d.languages);
    out.years = union(out.years, d.years);
    out.dates = { ...d.dates, ...out.dates };
  }
  return out;
}

/** The label shown for an entity: untagged or English first, else the first there is. */
export function displayLabel(doc: SearchDoc): string {
  const all = doc.labels.length ? doc.labels : doc.altLabels;
  const pick = all.find((l) => l.lang === '') ?? all.find((l) => l.lang.startsWith('en')) ?? all[0];
  return pick?.value ?? doc.iri;
}

const joinTexts = (xs: LangText[]) => xs.map((x) => indexText(x.value)).join(' \n ');

/** The text of each index column (fts-expression.ts COLUMNS, in order) for one merged entity. */
export function columnTexts(doc: SearchDoc): [string, string, string, string, string, string] {
  const ids = [...doc.identifiers, doc.iri].map((x) => {
    const forms = identifierForms(x).filter((c) => c !== x.toLowerCase());
    return forms.length ? `${x} ${forms.join(' ')}` : x;
  });
  return [
    joinTexts(doc.labels),
    joinTexts(doc.altLabels),
    doc.contributors.map((c) => indexText(c.name)).join(' \n '),
    doc.subjects.map((s) => indexText(s.label)).join(' \n '),
    ids.join(' \n '),
    joinTexts(doc.text),
  ];
}
