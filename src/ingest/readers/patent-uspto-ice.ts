import { patentHead } from './patent-head.js';
import {
  type Classification,
  classes,
  classificationSymbol,
  dropUndefined,
  isoDate,
  nonPatent,
  type PatentData,
  type PatentParty,
  type PatentRef,
  patentRef,
  person,
  symbolFromParts,
  uniq,
} from './patent-model.js';
import { all, first, kids, text, textAt, type XNode } from './patent-xml.js';

/** Root elements of USPTO ICE XML (grants 2002+, v4.0-v4.5 2005+; applications 2005+). */
export const ICE_ROOTS = ['us-patent-grant', 'us-patent-application'];

/** A person or organisation from an ICE `addressbook`. */
function party(book: XNode | undefined): PatentParty | undefined {
  if (!book) return undefined;
  const place = { city: textAt(book, 'address/city'), country: textAt(book, 'address/country') };
  const org = textAt(book, 'orgname');
  if (org) return { name: org, ...(place.city ? { city: place.city } : {}), ...(place.country ? { country: place.country } : {}) };
  return person(textAt(book, 'first-name'), textAt(book, 'last-name'), place);
}

function inventors(b: XNode): PatentParty[] {
  // v4.3+ lists inventors on their own; earlier versions list them as applicants of type applicant-inventor.
  const listed = [...all(b, 'us-parties/inventors/inventor'), ...all(b, 'parties/inventors/inventor')];
  const source = listed.length
    ? listed
    : [...all(b, 'parties/applicants/applicant'), ...all(b, 'us-parties/us-applicants/us-applicant')].filter(
        (a) => a.attrs['app-type'] === 'applicant-inventor',
      );
  return uniq(source.map((i) => party(first(i, 'addressbook'))));
}

/** Applicants as listed (before 2013 US applicants were the inventors: app-type "applicant-inventor"). */
function applicants(b: XNode): PatentParty[] {
  const listed = [...all(b, 'parties/applicants/applicant'), ...all(b, 'us-parties/us-applicants/us-applicant')];
  return uniq(
    listed.map((a) => {
      const book = first(a, 'addressbook');
      const p = party(book);
      return p && !textAt(book, 'orgname') ? { ...p, person: true } : p;
    }),
  );
}

function assignees(b: XNode): PatentParty[] {
  return uniq(
    all(b, 'assignees/assignee').map((a) => {
      const book = first(a, 'addressbook') ?? a;
      const p = party(book);
      return p && !textAt(book, 'orgname') ? { ...p, person: true } : p;
    }),
  );
}

function ipc(b: XNode): Classification[] {
  const ipcr = all(b, 'classifications-ipcr/classification-ipcr').map((c) =>
    symbolFromParts(textAt(c, 'section'), textAt(c, 'class'), textAt(c, 'subclass'), textAt(c, 'main-group'), textAt(c, 'subgroup')),
  );
  const old = all(b, 'classification-ipc').flatMap((c) => [...kids(c, 'main-classification'), ...kids(c, 'further-classification')]);
  return classes([...ipcr, ...old.map((c) => classificationSymbol(text(c)))]);
}

function cpc(b: XNode): Classification[] {
  const nodes = [...all(b, 'classifications-cpc/main-cpc/classification-cpc'), ...all(b, 'classifications-cpc/further-cpc/classification-cpc')];
  return classes(
    nodes.map((c) => symbolFromParts(textAt(c, 'section'), textAt(c, 'class'), textAt(c, 'subclass'), textAt(c, 'main-group'), textAt(c, 'subgroup'))),
  );
}

function uspc(b: XNode): Classification[] {
  return classes(
    all(b, 'classification-national')
      .flatMap((c) => [...kids(c, 'main-classification'), ...kids(c, 'further-classification')])
      .map((c) => text(c) || undefined),
  );
}

function citations(b: XNode): PatentData['citations'] {
  const cites = [...all(b, 'us-references-cited/us-citation'), ...all(b, 'references-cited/citation')];
  const patents: PatentRef[] = [];
  const npl: PatentData['citations']['nonPatent'] = [];
  for (const c of cites) {
    const category = textAt(c, 'category');
    const doc = first(c, 'patcit/document-id');
    const number = textAt(doc, 'doc-number');
    if (doc && number) {
      patents.push(
        patentRef(textAt(doc, 'country') ?? 'US', number, textAt(doc, 'kind'), { date: isoDate(textAt(doc, 'date')), category, name: textAt(doc, 'name') }),
      );
    }
    const other = textAt(c, 'nplcit/othercit');
    if (other) npl.push(nonPatent(other, category));
  }
  return { patents, nonPatent: npl };
}

/** Reads a us-patent-grant / us-patent-application document. */
export function readIce(root: XNode): PatentData {
  const b = first(root, 'us-bibliographic-data-grant') ?? first(root, 'us-bibliographic-data-application');
  if (!b) throw new Error(`${root.name} without bibliographic data`);
  const pub = first(b, 'publication-reference/document-id');
  const app = first(b, 'application-reference/document-id');
  const country = textAt(pub, 'country') ?? root.attrs.country ?? 'US';
  const ref = patentRef(country, textAt(pub, 'doc-number') ?? '', textAt(pub, 'kind'));
  if (!ref.number) throw new Error(`${root.name} without publication doc-number`);
  const priorityClaims = all(b, 'priority-claims/priority-claim').map((p) =>
    dropUndefined({ country: textAt(p, 'country'), number: textAt(p, 'doc-number'), date: isoDate(textAt(p, 'date')) }),
  );
  const title = textAt(b, 'invention-title');
  const lang = (root.attrs.lang ?? 'en').toLowerCase();
  const appNumber = textAt(app, 'doc-number');
  return {
    format: 'uspto-ice',
    ...(root.attrs['dtd-version'] ? { formatVersion: root.attrs['dtd-version'] } : {}),
    type: root.name === 'us-patent-grant' ? 'grant' : 'application',
    ...patentHead(ref, {
      title,
      abstract: abstractOf(root),
      lang,
      filing: textAt(app, 'date'),
      publication: textAt(pub, 'date') ?? root.attrs['date-publ'],
      priorityClaims,
      applicationNumber: appNumber && `${textAt(app, 'country') ?? country}${appNumber}`,
    }),
    inventors: inventors(b),
    applicants: applicants(b),
    assignees: assignees(b),
    cpc: cpc(b),
    ipc: ipc(b),
    uspc: uspc(b),
    citations: citations(b),
  };
}

/** The abstract, one paragraph per line. */
export function abstractOf(root: XNode, path = 'abstract', para = 'p'): { abstract?: string } {
  const a = first(root, path);
  if (!a) return {};
  const paras = kids(a, para).map(text).filter(Boolean);
  const abstract = paras.length ? paras.join('\n') : text(a);
  return abstract ? { abstract } : {};
}
