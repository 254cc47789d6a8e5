/**
 * The plain-object view of one patent document that every patent reader
 * produces, whatever the source format, and that mappings/patent.yaml reads.
 */

export interface PatentParty {
  /** Display name: "given family" for persons, the organisation name otherwise. */
  name: string;
  given?: string;
  family?: string;
  city?: string;
  country?: string;
  /** Set on assignees that are individuals rather than organisations. */
  person?: boolean;
}

/** A patent document named by another (citation, priority): its parts and its key. */
export interface PatentRef {
  country: string;
  number: string;
  kind?: string;
  /** country + number + kind (kind left out when the source gives none): the IRI key. */
  key: string;
  /** ISO date, possibly partial (`2010-11`) as cited. */
  date?: string;
  /** e.g. "cited by examiner", "cited by applicant". */
  category?: string;
  /** Patentee name as cited ("Liu et al."). */
  name?: string;
}

export interface NonPatentCitation {
  text: string;
  doi?: string;
  category?: string;
}

/** One classification symbol (an object, so mappings can address it by name). */
export interface Classification {
  symbol: string;
}

export interface PriorityClaim {
  country?: string;
  number?: string;
  date?: string;
}

export interface PatentData {
  /** Source format: uspto-ice (2002+ XML), uspto-pap (2001-2004 applications), uspto-st32 (SGML-derived grants), ep (EPO publication server). */
  format: 'uspto-ice' | 'uspto-pap' | 'uspto-st32' | 'ep';
  /** DTD version the document names, when it names one. */
  formatVersion?: string;
  /** 'grant' or 'application' (pre-grant publication). */
  type: 'grant' | 'application';
  country: string;
  number: string;
  kind: string;
  /** country + number + kind, e.g. US6336130B1: the document's IRI key. */
  key: string;
  title?: string;
  /** All titles with their language (EP documents carry de/en/fr). */
  titles: { text: string; lang: string }[];
  abstract?: string;
  /** Language of the publication (lower case). */
  lang: string;
  dates: { filing?: string; publication?: string; priority: string[] };
  /** Country + application number as printed, e.g. US13648029, EP18877305.5. */
  applicationNumber?: string;
  priorityClaims: PriorityClaim[];
  /** Patent family id, when the source carries one (none of the USPTO/EPO formats read here do). */
  familyId?: string;
  inventors: PatentParty[];
  /** Applicants named apart from inventors and assignees (EP B711; ICE applicants). */
  applicants: PatentParty[];
  assignees: PatentParty[];
  /** Symbols in WIPO display form, e.g. "A61B 5/0205". */
  cpc: Classification[];
  ipc: Classification[];
  /** US national classification as printed (trimmed), e.g. "709228". */
  uspc: Classification[];
  citations: { patents: PatentRef[]; nonPatent: NonPatentCitation[] };
}

// ---- normalisers shared by the format readers -------------------------------

/** YYYYMMDD -> YYYY-MM-DD; a zero day or month (cited dates such as 20101100) gives YYYY-MM or YYYY. */
export function isoDate(raw: string | undefined): string | undefined {
  const m = raw ? /^(\d{4})(\d{2})(\d{2})$/.exec(raw.trim()) : null;
  if (!m) return undefined;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (mo === '00') return y;
  if (d === '00') return `${y}-${mo}`;
  return `${y}-${mo}-${d}`;
}

/**
 * Patent numbers in one form whichever office or format wrote them, so that
 * a citation and the cited document meet on one IRI:
 * - separators and a repeated country prefix dropped ("D. 271298", "2007/0140112",
 *   "0 460 575", "WO 89/02682");
 * - US: leading zeros dropped (ST.32/ICE pad grants to 8: 06336130 -> 6336130,
 *   D0435854 -> D435854) and EPO-style pre-grant publication numbers
 *   (2008197955) widened to the USPTO's 11 digits (20080197955);
 * - EP: padded to the EPO's 7 digits (874807 -> 0874807).
 */
export function normalizePatentNumber(country: string, raw: string): string {
  let n = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  // Foreign citations often repeat the country: <country>WO</country><doc-number>WO 89/02682</doc-number>.
  if (n.startsWith(country) && /^\d/.test(n.slice(country.length))) n = n.slice(country.length);
  if (country === 'US') {
    n = n.replace(/^([A-Z]*)0+(?=\d)/, '$1');
    if (/^(19|20)\d{8}$/.test(n)) n = `${n.slice(0, 4)}0${n.slice(4)}`;
  } else if (country === 'EP' && /^\d{1,6}$/.test(n)) {
    n = n.padStart(7, '0');
  }
  return n;
}

export function patentRef(country: string, rawNumber: string, kind?: string, extra: Partial<PatentRef> = {}): PatentRef {
  const c = country.trim().toUpperCase();
  const number = normalizePatentNumber(c, rawNumber);
  const k = kind?.trim().toUpperCase() || undefined;
  return { country: c, number, ...(k ? { kind: k } : {}), key: `${c}${number}${k ?? ''}`, ...dropUndefined(extra) };
}

/**
 * An IPC or CPC symbol in display form ("G06F 15/16") from the ways the
 * formats print it: "G06F015/00" (ICE 2004, PAP), "B60R   7/06  20060101AFI…"
 * (EP ipcr text), " 7C 07C  29/44   A" (EP v1.0, edition first), and the
 * ST.32 packed form "G06F 1516" / "B32B  302" (group right-aligned in three
 * columns, then the subgroup). Locarno design classes ("1402") give undefined.
 */
export function classificationSymbol(raw: string): string | undefined {
  const s = raw.replace(/\s+$/, '');
  const m = /([A-H])\s?(\d{2})\s?([A-Z])\s*0*(\d{1,4})\s*\/\s*(\d{2,6})/.exec(s);
  if (m) return `${m[1]}${m[2]}${m[3]} ${m[4]}/${m[5]}`;
  const packed = /^\s*([A-H]\d{2}[A-Z])([ \d]{3})(\d{2,})$/.exec(s);
  if (packed) return `${packed[1]} ${Number((packed[2] as string).trim())}/${packed[3]}`;
  // The same with its spaces collapsed ("B32B 302"): take a two-digit subgroup.
  const collapsed = /^\s*([A-H]\d{2}[A-Z]) ?(\d{1,3})(\d{2})$/.exec(s);
  if (collapsed) return `${collapsed[1]} ${Number(collapsed[2])}/${collapsed[3]}`;
  return undefined;
}

/** A symbol from the ICE-XML parts (section, class, subclass, main group, subgroup). */
export const symbolFromParts = (section?: string, cls?: string, subclass?: string, group?: string, subgroup?: string) =>
  section && cls && subclass && group && subgroup ? `${section}${cls}${subclass} ${Number(group)}/${subgroup}` : undefined;

/** The first DOI in a citation text, without trailing punctuation. */
export function findDoi(text: string): string | undefined {
  const m = /\b(10\.\d{4,9}\/[^\s"<>]+)/.exec(text);
  return m ? (m[1] as string).replace(/[.,;:)\]]+$/, '') : undefined;
}

export function nonPatent(text: string, category?: string): NonPatentCitation {
  const doi = findDoi(text);
  return { text, ...(doi ? { doi } : {}), ...(category ? { category } : {}) };
}

/** A person party from name parts; `name` reads "given family". */
export function person(given: string | undefined, family: string | undefined, place: { city?: string; country?: string } = {}): PatentParty | undefined {
  const name = [given, family].filter(Boolean).join(' ');
  if (!name) return undefined;
  return dropUndefined({ name, given, family, city: place.city, country: place.country }) as PatentParty;
}

/** Distinct symbols, in order, as Classification objects. */
export const classes = (symbols: (string | undefined)[]): Classification[] => uniq(symbols).map((symbol) => ({ symbol }));

export const uniq = <T>(xs: (T | undefined)[]): T[] => [...new Set(xs.filter((x): x is T => x !== undefined))];

export function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
