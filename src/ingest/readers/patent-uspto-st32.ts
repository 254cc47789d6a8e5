import { patentHead } from './patent-head.js';
import {
  classes,
  classificationSymbol,
  dropUndefined,
  isoDate,
  type NonPatentCitation,
  nonPatent,
  type PatentData,
  type PatentParty,
  type PatentRef,
  type PriorityClaim,
  patentRef,
  person,
  uniq,
} from './patent-model.js';
import { abstractOf } from './patent-uspto-ice.js';
import { all, first, kids, rawText, text, textAt, type XNode } from './patent-xml.js';

/** Root element of USPTO grants 1976-2004 in the XML form of the WIPO ST.32 SGML (B-field codes). */
export const ST32_ROOTS = ['PATDOC'];

/** Party of a B7xx field: PARTY-US (or another PARTY-* variant) with NAM and ADR. */
function party(field: XNode): PatentParty | undefined {
  const p = kids(field).find((k) => k.name.startsWith('PARTY'));
  if (!p) return undefined;
  const adr = first(p, 'ADR');
  // US addresses carry a STATE and no CTRY.
  const place = { city: textAt(adr, 'CITY'), country: textAt(adr, 'CTRY') ?? (textAt(adr, 'STATE') ? 'US' : undefined) };
  const org = textAt(p, 'NAM/ONM');
  if (org) return dropUndefined({ name: org, ...place });
  return person(textAt(p, 'NAM/FNM'), textAt(p, 'NAM/SNM'), place);
}

/** B561 / B562 carry the category as an empty sibling element. */
function category(field: XNode): string | undefined {
  if (first(field, 'CITED-BY-EXAMINER')) return 'cited by examiner';
  if (first(field, 'CITED-BY-OTHER')) return 'cited by other';
  return undefined;
}

function citations(b500: XNode | undefined): PatentData['citations'] {
  const patents: PatentRef[] = [];
  for (const f of all(b500, 'B560/B561')) {
    const doc = first(f, 'PCIT/DOC');
    const number = textAt(doc, 'DNUM');
    if (!number) continue;
    const name = textAt(first(f, 'PCIT'), 'PARTY-US/NAM');
    patents.push(patentRef(textAt(doc, 'CTRY') ?? 'US', number, textAt(doc, 'KIND'), { date: isoDate(textAt(doc, 'DATE')), category: category(f), name }));
  }
  const npl: NonPatentCitation[] = all(b500, 'B560/B562')
    .map((f) => ({ t: textAt(f, 'NCIT'), c: category(f) }))
    .filter((x): x is { t: string; c: string | undefined } => !!x.t)
    .map((x) => nonPatent(x.t, x.c));
  return { patents, nonPatent: npl };
}

/** B300 holds B310 (number), B320 (date), B330 (country) triples in order. */
function priorities(b: XNode): PriorityClaim[] {
  const out: PriorityClaim[] = [];
  for (const f of all(b, 'B300').flatMap((x) => kids(x))) {
    if (f.name === 'B310' || !out.length) out.push({});
    const claim = out[out.length - 1] as PriorityClaim;
    if (f.name === 'B310') claim.number = textAt(f, 'DNUM') ?? text(f);
    if (f.name === 'B320') claim.date = isoDate(text(f));
    if (f.name === 'B330') claim.country = text(f);
  }
  return out.map(dropUndefined);
}

/** Reads a PATDOC (ST.32) grant. */
export function readSt32(root: XNode): PatentData {
  const b = first(root, 'SDOBI');
  if (!b) throw new Error('PATDOC without SDOBI');
  const b100 = first(b, 'B100');
  const ref = patentRef(textAt(b100, 'B190') ?? 'US', textAt(b100, 'B110') ?? '', textAt(b100, 'B130'));
  if (!ref.number) throw new Error('PATDOC without B110 document number');
  const b500 = first(b, 'B500');
  const title = textAt(b500, 'B540');
  const priorityClaims = priorities(b);
  const ipcFields = all(b500, 'B510').flatMap((x) => [...kids(x, 'B511'), ...kids(x, 'B512')]);
  const uspcFields = all(b500, 'B520').flatMap((x) => [...kids(x, 'B521'), ...kids(x, 'B522')]);
  const appNumber = textAt(b, 'B200/B210');
  return {
    format: 'uspto-st32',
    ...(root.attrs.DTD ? { formatVersion: root.attrs.DTD } : {}),
    type: 'grant',
    ...patentHead(ref, {
      title,
      abstract: abstractOf(root, 'SDOAB/BTEXT', 'PARA'),
      lang: 'en',
      filing: textAt(b, 'B200/B220'),
      publication: textAt(b100, 'B140'),
      priorityClaims,
      applicationNumber: appNumber && `US${appNumber}`,
    }),
    inventors: uniq(all(b, 'B700/B720/B721').map(party)),
    applicants: [],
    assignees: uniq(all(b, 'B700/B730/B731').map(party)).map((p) => (p.given || p.family ? { ...p, person: true } : p)),
    cpc: [],
    ipc: classes(ipcFields.map((f) => classificationSymbol(rawText(f)))),
    uspc: classes(uspcFields.map((f) => text(f) || undefined)),
    citations: citations(b500),
  };
}
