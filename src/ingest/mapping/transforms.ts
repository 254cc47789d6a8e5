/**
 * Named value transforms of the mapping format (docs/mapping-format.md).
 * A transform returns undefined to drop a value (e.g. `isbn` on text with no ISBN).
 */
import { repairIri } from '../../rdf/iri.js';
import { normalizeDoi, normalizeIsbn, normalizeOrcid, slug } from '../identity/mint.js';
import { gndVariantLanguage, marc880Language, marcLanguageToBcp47 } from './marc-languages.js';
import { relatorCode } from './relators.js';

/** What a transform may look at besides its value: the record (for 008) and the field the value came from. */
export interface TransformContext {
  record: unknown;
  origin: unknown;
}

export type Transform = (value: string, ctx: TransformContext) => string | undefined;

// A final '.' is ISBD punctuation unless it ends an initial ("J.") or a common abbreviation.
const KEEP_PERIOD = /(?:^|[\s(])(?:\p{Lu}|Jr|Sr|Dr|St|Co|Inc|Ltd|ed|eds|etc|et al|ca|cm|p|v|no|vol|Bd|Hrsg|Aufl|hrsg|rev|enl|illus|ill)\.$/u;

/** Bidi marks (U+200E/F, U+202A-E) that MARC records put around RTL text; they hide trailing punctuation. */
const BIDI_EDGES = /^[\s\u200e\u200f\u202a-\u202e]+|[\s\u200e\u200f\u202a-\u202e]+$/g;
const isBidi = (c: number) => c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e);
const trim = (v: string) => {
  const t = v.trim();
  return t && (isBidi(t.charCodeAt(0)) || isBidi(t.charCodeAt(t.length - 1))) ? t.replace(BIDI_EDGES, '') : t;
};

/**
 * An absolute IRI from data (856 $u, $0): kept as is, characters an IRI may not hold (and `%` not starting an
 * escape) percent-encoded; anything that still is not a valid IRI (bad port, …) dropped.
 */
const iri: Transform = (v) => {
  const t = trim(v);
  if (!/^(https?|ftp|urn|info):\S/i.test(t)) return undefined;
  return repairIri(t);
};

const ISBD_END = new Set([...'/:;=,'].map((c) => c.charCodeAt(0)));

/** slug() is costly (NFKD + Unicode regex) and names repeat across records: a bounded memo. */
const slugMemo = new Map<string, string>();
function memoSlug(v: string): string | undefined {
  let s = slugMemo.get(v);
  if (s === undefined) {
    if (slugMemo.size > 50_000) slugMemo.clear();
    s = slug(v);
    slugMemo.set(v, s);
  }
  return s || undefined;
}

export function trimIsbd(value: string): string {
  let v = trim(value);
  for (;;) {
    const before = v;
    if (ISBD_END.has(v.charCodeAt(v.length - 1))) v = trim(v.replace(/\s*[/:;=,]\s*$/, ''));
    if (v.endsWith('.') && !v.endsWith('...') && !KEEP_PERIOD.test(v)) v = trim(v.slice(0, -1));
    if (v === before) break;
  }
  if (v.charCodeAt(0) === 0x5b /* [ */ && /^\[[^\]]*\]$/.test(v)) v = v.slice(1, -1).trim();
  return v;
}

const isbn: Transform = (v) => {
  if (!/[\dXx][\dXx -]{8,}[\dXx]/.test(v)) return undefined;
  const n = normalizeIsbn(v);
  return /^(\d{9}[\dX]|\d{13})$/.test(n) ? n : undefined;
};

const issn: Transform = (v) => {
  const m = /(\d{4})-?(\d{3}[\dXx])/.exec(v);
  return m ? `${m[1]}-${(m[2] as string).toUpperCase()}` : undefined;
};

const doi: Transform = (v) => {
  const n = normalizeDoi(v);
  return /^10\.\d{4,9}\/\S+$/.test(n) ? n : undefined;
};

const orcid: Transform = (v) => {
  try {
    return normalizeOrcid(v);
  } catch {
    return undefined;
  }
};

const isni: Transform = (v) => {
  const d = v.replace(/[^\dXx]/g, '').toUpperCase();
  return d.length === 16 ? d : undefined;
};

const year: Transform = (v) => /(?:^|\D)(\d{4})(?!\d)/.exec(v)?.[1];

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

const date: Transform = (v) => {
  let m = /(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(v);
  if (m) return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(v.trim());
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/.exec(v);
  if (m && MONTHS[(m[2] as string).toLowerCase()]) return `${m[3]}-${MONTHS[(m[2] as string).toLowerCase()]}-${(m[1] as string).padStart(2, '0')}`;
  return year(v, { record: undefined, origin: undefined });
};

/** Transforms without arguments, by name. */
export const NAMED_TRANSFORMS: Record<string, Transform> = {
  trim,
  iri,
  'trim-isbd': trimIsbd,
  lower: (v) => v.toLowerCase(),
  upper: (v) => v.toUpperCase(),
  slug: memoSlug,
  isbn,
  issn,
  doi,
  orcid,
  isni,
  year,
  date,
  digits: (v) => v.replace(/\D/g, '') || undefined,
  'relator-code': (v) => relatorCode(v),
  'marc-language': (v) => marcLanguageToBcp47(v),
  'marc-880-language': (v, ctx) => marc880Language(v, ctx.record),
  'gnd-language': (v) => gndVariantLanguage(v),
};

/** Transforms that take one argument: `{ match: "regex" }` etc. Throws on a bad argument (caught by the loader). */
export const PARAM_TRANSFORMS: Record<string, (arg: unknown) => Transform> = {
  match: (arg) => {
    const re = new RegExp(String(arg), 'u');
    return (v) => {
      const m = re.exec(v);
      return m ? (m[1] ?? m[0]) : undefined;
    };
  },
  replace: (arg) => {
    if (!Array.isArray(arg) || arg.length !== 2) throw new Error('replace takes [regex, replacement]');
    const re = new RegExp(String(arg[0]), 'gu');
    const by = String(arg[1]);
    return (v) => v.replace(re, by);
  },
  prefix: (arg) => {
    const p = String(arg);
    return (v) => p + v;
  },
  suffix: (arg) => {
    const s = String(arg);
    return (v) => v + s;
  },
  map: (arg) => {
    if (!arg || typeof arg !== 'object' || Array.isArray(arg)) throw new Error('map takes a table { from: to }');
    const table = new Map(Object.entries(arg as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const fallback = table.get('*');
    return (v) => table.get(v) ?? fallback;
  },
};

/** Applies transforms in order; undefined as soon as one drops the value. */
export function chain(transforms: Transform[]): Transform | undefined {
  if (!transforms.length) return undefined;
  if (transforms.length === 1) return transforms[0];
  return (v, ctx) => {
    let out: string | undefined = v;
    for (const t of transforms) {
      out = t(out, ctx);
      if (out === undefined) return undefined;
    }
    return out;
  };
}
