/** Text transforms of link specs: each maps one raw value to zero or more values. */
import { decodeHTML } from 'entities';

/** Letters NFKD does not decompose into a base letter plus marks. */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
  ŀ: 'l',
  ĸ: 'k',
};
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

export const lowercase = (v: string): string => v.toLowerCase();

export function foldDiacritics(v: string): string {
  // Pure ASCII is the common case; skip the normalisation round trip.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  if (/^[\x00-\x7f]*$/.test(v)) return v;
  return v
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(SPECIAL, (c) => LETTERS[c] ?? c);
}

/** Punctuation and symbols become spaces (so "Smith,J." keeps two words); runs of space collapse. */
export const stripPunctuation = (v: string): string =>
  v
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export const normalizeSpace = (v: string): string => v.replace(/\s+/g, ' ').trim();

/** Words that name a legal form or a usual suffix, not the organisation (after lowercase and strip-punctuation). */
const ORG_FORMS = new Set([
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'co',
  'corp',
  'corporation',
  'company',
  'gmbh',
  'ag',
  'sa',
  'plc',
  'publ',
  'firm',
  'the',
  'publishers',
  'publishing',
  'pub',
]);

/** Drops legal-form words (`Sanyo Electric Co., Ltd.` → `sanyo electric`); a name of nothing else is kept whole. */
export const stripOrgForms = (v: string): string => {
  const kept = v.split(' ').filter((w) => !ORG_FORMS.has(w));
  return kept.length ? kept.join(' ') : v;
};

export const tokens = (v: string): string[] => v.split(/\s+/).filter((t) => t !== '');

export const sortTokens = (v: string): string => tokens(v).sort().join(' ');

/** First letter of every word: "Johann Wolfgang von Goethe" → "jwvg" (case kept). */
export const initials = (v: string): string =>
  tokens(v.replace(/[^\p{L}\p{N}\s]+/gu, ' '))
    .map((t) => t[0])
    .join('');

/** The first plausible year (1000–2999) in a date or free text: "2003-05-01", "c1999", "[1850?]". */
export const year = (v: string): string => /(?<!\d)([12]\d{3})(?!\d)/.exec(v)?.[1] ?? '';

/** Keeps the digits (page counts, volume numbers, plain numeric ids). */
export const digits = (v: string): string => v.replace(/\D+/g, '');

/** One table cell holding a list: "A. Smith, B. Jones and C. Wu" → three values. */
export const splitList = (v: string): string[] =>
  v
    .split(/\s*(?:[,;|]|\band\b|&)\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** HTML character references some exports leave in text ("De&#223;loch", "&mdash;") become characters. */
export const decodeEntities = (v: string): string => (v.includes('&') ? decodeHTML(v) : v);

/**
 * Blocking keys for personal names: every word of two letters or more with the initial of
 * every other word ("johann muller" → "johann m", "muller j"). A name written with initials
 * or in "Surname, Given" order keeps a key in common with the full name.
 */
export function nameKeys(v: string): string[] {
  const words = tokens(v.replace(/[^\p{L}\p{N}\s]+/gu, ' '));
  const out = new Set<string>();
  for (const w of words) if (w.length > 1) for (const u of words) if (u !== w) out.add(`${w} ${u[0]}`);
  return [...out];
}

/**
 * The value and every variant with one character removed from one of its words of four or
 * more characters (symmetric deletion, as in FastSS): two values one edit apart (a typo,
 * "ü" against "ue") share a variant, so an identifier key over these blocks them together.
 * Short words and initials stay whole: dropping them would make keys everyone shares.
 */
export function deletions(v: string): string[] {
  const out = new Set([v]);
  let start = 0;
  for (const word of v.split(' ')) {
    if (word.length >= 4) for (let i = 0; i < word.length; i++) out.add(v.slice(0, start + i) + v.slice(start + i + 1));
    start += word.length + 1;
  }
  return [...out];
}
