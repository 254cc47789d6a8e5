import { patentHead } from './patent-head.js';
import {
  classes,
  classificationSymbol,
  dropUndefined,
  isoDate,
  nonPatent,
  type PatentData,
  type PatentParty,
  type PatentRef,
  type PriorityClaim,
  patentRef,
  uniq,
} from './patent-model.js';
import { abstractOf } from './patent-uspto-ice.js';
import { all, first, kids, text, textAt, type XNode } from './patent-xml.js';

/** Root element of EPO publication-server documents (ep-patent-document v1.0-v1.5). */
export const EP_ROOTS = ['ep-patent-document'];

const place = (n: XNode) => dropUndefined({ city: textAt(n, 'adr/city'), country: textAt(n, 'adr/ctry') });

/** Inventors are printed "FAMILY, Given". */
function inventor(n: XNode): PatentParty | undefined {
  const snm = textAt(n, 'snm');
  if (!snm) return undefined;
  const comma = snm.indexOf(',');
  if (comma < 0) return { name: snm, ...place(n) };
  const family = snm.slice(0, comma).trim();
  const given = snm.slice(comma + 1).trim();
  return { name: `${given} ${family}`.trim(), given, family, ...place(n) };
}

/** Applicants and proprietors: names as printed (companies carry commas: "BOE TECHNOLOGY GROUP CO., LTD."). */
function holder(n: XNode): PatentParty | undefined {
  const snm = textAt(n, 'snm');
  return snm ? { name: snm, ...place(n) } : undefined;
}

/** Search-report citations are printed "EP-A1- 3 109 871", "WO-A-95/34526": country, kind, number. */
export function parseEpCitation(raw: string): PatentRef | undefined {
  const m = /^\s*([A-Z]{2})\s*-\s*([A-Z]\d?)\s*-\s*(.+?)\s*$/.exec(raw);
  return m ? patentRef(m[1] as string, m[3] as string, m[2]) : undefined;
}

function priorities(b: XNode): PriorityClaim[] {
  const out: PriorityClaim[] = [];
  for (const f of all(b, 'B300').flatMap((x) => kids(x))) {
    if (f.name === 'B310' || !out.length) out.push({});
    const claim = out[out.length - 1] as PriorityClaim;
    if (f.name === 'B310') claim.number = text(f);
    if (f.name === 'B320') claim.date = isoDate(textAt(f, 'date'));
    if (f.name === 'B330') claim.country = textAt(f, 'ctry');
  }
  return out.map(dropUndefined);
}

/** B540 pairs B541 (language) with the following B542 (title). */
function titles(b: XNode): { text: string; lang: string }[] {
  const out: { text: string; lang: string }[] = [];
  let lang = '';
  for (const f of all(b, 'B500/B540').flatMap((x) => kids(x))) {
    if (f.name === 'B541') lang = text(f).toLowerCase();
    else if (f.name === 'B542' && text(f)) out.push({ text: text(f), lang });
  }
  return out;
}

/** Reads an ep-patent-document (A: application publication, B: granted patent). */
export function readEp(root: XNode): PatentData {
  const b = first(root, 'SDOBI');
  if (!b) throw new Error('ep-patent-document without SDOBI');
  const b100 = first(b, 'B100');
  const kind = textAt(b100, 'B130') ?? root.attrs.kind;
  const ref = patentRef(textAt(b100, 'B190') ?? root.attrs.country ?? 'EP', textAt(b100, 'B110') ?? root.attrs['doc-number'] ?? '', kind);
  if (!ref.number) throw new Error('ep-patent-document without B110 number');
  const lang = (textAt(b, 'B200/B260') ?? root.attrs.lang ?? 'en').toLowerCase();
  const all_titles = titles(b);
  const title = (all_titles.find((t) => t.lang === lang) ?? all_titles[0])?.text;
  const b500 = first(b, 'B500');
  const ipc = [
    ...all(b500, 'B510EP/classification-ipcr').map((c) => textAt(c, 'text')),
    ...all(b500, 'B510')
      .flatMap((x) => [...kids(x, 'B511'), ...kids(x, 'B512')])
      .map((f) => text(f)),
  ];
  const priorityClaims = priorities(b);
  const appNumber = textAt(b, 'B200/B210');
  return {
    format: 'ep',
    ...(root.attrs['dtd-version'] ? { formatVersion: root.attrs['dtd-version'] } : {}),
    type: ref.kind?.startsWith('B') ? 'grant' : 'application',
    ...patentHead(ref, {
      title,
      titles: all_titles,
      abstract: abstractOf(root, 'abstract', 'p'),
      lang,
      filing: textAt(b, 'B200/B220/date'),
      publication: textAt(b100, 'B140/date') ?? root.attrs['date-publ'],
      priorityClaims,
      applicationNumber: appNumber && `EP${appNumber}`,
    }),
    inventors: uniq(all(b, 'B700/B720/B721').map(inventor)),
    // Applicants (B711) on applications, proprietors (B731: the patent's owners) on grants.
    applicants: uniq(all(b, 'B700/B710/B711').map(holder)),
    assignees: uniq(all(b, 'B700/B730/B731').map(holder)),
    cpc: [],
    ipc: classes(ipc.map((t) => (t ? classificationSymbol(t) : undefined))),
    uspc: [],
    citations: {
      patents: uniq(all(b500, 'B560/B561').map((f) => parseEpCitation(text(f)))),
      nonPatent: all(b500, 'B560/B562')
        .map((f) => text(f))
        .filter(Boolean)
        .map((t) => nonPatent(t)),
    },
  };
}
