import { patentHead } from './patent-head.js';
import { classes, classificationSymbol, dropUndefined, isoDate, type PatentData, type PatentParty, patentRef, person, uniq } from './patent-model.js';
import { abstractOf } from './patent-uspto-ice.js';
import { all, first, text, textAt, type XNode } from './patent-xml.js';

/** Root element of USPTO pre-grant publications 2001-2004 (pap-v15, pap-v16). */
export const PAP_ROOTS = ['patent-application-publication'];

function place(n: XNode | undefined) {
  const r = first(n, 'residence/residence-us') ?? first(n, 'residence/residence-non-us') ?? first(n, 'address');
  return { city: textAt(r, 'city'), country: textAt(r, 'country-code') ?? textAt(r, 'country/country-code') };
}

function inventor(n: XNode): PatentParty | undefined {
  const name = first(n, 'name');
  const given = [textAt(name, 'given-name'), textAt(name, 'middle-name')].filter(Boolean).join(' ') || undefined;
  const family = [textAt(name, 'family-name'), textAt(name, 'name-suffix')].filter(Boolean).join(' ') || undefined;
  return person(given, family, place(n));
}

function assignee(n: XNode): PatentParty | undefined {
  const org = textAt(n, 'organization-name');
  const p = place(n);
  if (org) return dropUndefined({ name: org, city: p.city, country: p.country });
  const i = inventor(n);
  return i ? { ...i, person: true } : undefined;
}

/** Reads a patent-application-publication document (no citations: pre-grant publications list none). */
export function readPap(root: XNode): PatentData {
  const b = first(root, 'subdoc-bibliographic-information');
  if (!b) throw new Error('patent-application-publication without subdoc-bibliographic-information');
  const doc = first(b, 'document-id');
  const ref = patentRef(textAt(doc, 'country-code') ?? 'US', textAt(doc, 'doc-number') ?? '', textAt(doc, 'kind-code'));
  if (!ref.number) throw new Error('patent-application-publication without doc-number');
  const filing = first(b, 'domestic-filing-data');
  const priorityClaims = all(b, 'foreign-priority-data').map((p) =>
    dropUndefined({ country: textAt(p, 'country-code'), number: textAt(p, 'priority-application-number/doc-number'), date: isoDate(textAt(p, 'filing-date')) }),
  );
  const tech = first(b, 'technical-information');
  const title = textAt(tech, 'title-of-invention');
  const ipc = [...all(tech, 'classification-ipc/classification-ipc-primary/ipc'), ...all(tech, 'classification-ipc/classification-ipc-secondary/ipc')];
  const uspc = [...all(tech, 'classification-us/classification-us-primary/uspc'), ...all(tech, 'classification-us/classification-us-secondary/uspc')];
  const appNumber = textAt(filing, 'application-number/doc-number');
  return {
    format: 'uspto-pap',
    type: 'application',
    ...patentHead(ref, {
      title,
      abstract: abstractOf(root, 'subdoc-abstract', 'paragraph'),
      lang: 'en',
      filing: textAt(filing, 'filing-date'),
      publication: textAt(doc, 'document-date'),
      priorityClaims,
      applicationNumber: appNumber && `US${appNumber}`,
    }),
    inventors: uniq([...all(b, 'inventors/first-named-inventor'), ...all(b, 'inventors/inventor')].map(inventor)),
    applicants: [],
    assignees: uniq(all(b, 'assignee').map(assignee)),
    cpc: [],
    ipc: classes(ipc.map((c) => classificationSymbol(text(c)))),
    uspc: classes(uspc.map((u) => [textAt(u, 'class'), textAt(u, 'subclass')].filter(Boolean).join('/') || undefined)),
    citations: { patents: [], nonPatent: [] },
  };
}
