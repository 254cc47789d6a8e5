/**
 * MARC language and script codes to BCP 47 tags. Hand-written: no npm package
 * maps MARC's own codes (008/35-37 and the 880 $6 script identifiers of
 * MARC 21 "Character sets"); the tables cover the languages libraries mostly meet.
 */

/** MARC (ISO 639-2/B) code -> ISO 639-1 where one exists; otherwise the MARC code is kept (valid BCP 47). */
const MARC_TO_639_1: Record<string, string> = {
  ara: 'ar',
  arm: 'hy',
  bel: 'be',
  ben: 'bn',
  bul: 'bg',
  cat: 'ca',
  chi: 'zh',
  cze: 'cs',
  dan: 'da',
  dut: 'nl',
  eng: 'en',
  est: 'et',
  fin: 'fi',
  fre: 'fr',
  geo: 'ka',
  ger: 'de',
  gre: 'el',
  heb: 'he',
  hin: 'hi',
  hun: 'hu',
  ice: 'is',
  ind: 'id',
  ita: 'it',
  jpn: 'ja',
  kor: 'ko',
  lat: 'la',
  lav: 'lv',
  lit: 'lt',
  mac: 'mk',
  may: 'ms',
  nor: 'no',
  per: 'fa',
  pol: 'pl',
  por: 'pt',
  rum: 'ro',
  rus: 'ru',
  slo: 'sk',
  slv: 'sl',
  spa: 'es',
  srp: 'sr',
  swe: 'sv',
  tha: 'th',
  tur: 'tr',
  ukr: 'uk',
  urd: 'ur',
  vie: 'vi',
  wel: 'cy',
  yid: 'yi',
  gle: 'ga',
  hrv: 'hr',
  bos: 'bs',
  epo: 'eo',
  san: 'sa',
  uig: 'ug',
  tam: 'ta',
  tib: 'bo',
  mon: 'mn',
  kaz: 'kk',
  uzb: 'uz',
  aze: 'az',
  afr: 'af',
  alb: 'sq',
  baq: 'eu',
  glg: 'gl',
  swa: 'sw',
};

/** MARC 880 $6 script identification codes -> ISO 15924. */
const SCRIPTS: Record<string, string> = { '(3': 'Arab', '(4': 'Arab', '(B': 'Latn', '(N': 'Cyrl', '(S': 'Grek', '(2': 'Hebr' };

/** CJK ($1) script subtag depends on the language. */
const CJK_SCRIPT: Record<string, string> = { ja: 'Jpan', ko: 'Kore', zh: 'Hani' };

export function marcLanguageToBcp47(code: string): string | undefined {
  const c = code.trim().toLowerCase();
  if (!/^[a-z]{3}$/.test(c) || c === 'und' || c === 'zxx' || c === 'mul') return undefined;
  return MARC_TO_639_1[c] ?? c;
}

function recordLanguage(record: unknown): string | undefined {
  const fields = (record as { fields?: { tag: string; value?: string }[] } | undefined)?.fields;
  const f008 = fields?.find((f) => f.tag === '008')?.value;
  return f008 && f008.length >= 38 ? marcLanguageToBcp47(f008.slice(35, 38)) : undefined;
}

/**
 * The language tag of an 880 field from its $6 ("245-01/$1", "100-02/(2/r")
 * and the record's 008/35-37: `ja-Jpan`, `he-Hebr`, `ru-Cyrl`. No script code -> the language alone.
 */
export function marc880Language(sub6: string, record: unknown): string | undefined {
  const scriptCode = /^[^/]*\/([^/]{2})/.exec(sub6)?.[1];
  const lang = recordLanguage(record);
  let script: string | undefined;
  if (scriptCode === '$1') script = (lang && CJK_SCRIPT[lang]) ?? 'Hani';
  else if (scriptCode) script = SCRIPTS[scriptCode];
  if (!script) return lang;
  if (script === 'Latn') return lang;
  return `${lang ?? 'und'}-${script}`;
}

/** Scripts GND gives in $9 "U:…" with the language they imply when no "L:…" is given. */
const SCRIPT_LANGUAGE: Record<string, string> = { Hans: 'zh', Hant: 'zh', Jpan: 'ja', Kore: 'ko', Hebr: 'he', Arab: 'ar', Grek: 'el' };

/**
 * The language tag of a GND variant name from its $9 codes ("U:Cyrl L:uzb" -> `uz-Cyrl`,
 * "U:Hans" -> `zh-Hans`). Latin script alone gives no tag: the language of a name is unknown.
 */
export function gndVariantLanguage(codes: string): string | undefined {
  const script = /(?:^|\s)U:([A-Z][a-z]{3})/.exec(codes)?.[1];
  const langCode = /(?:^|\s)L:([a-z]{3})/.exec(codes)?.[1];
  const lang = langCode ? marcLanguageToBcp47(langCode) : script ? SCRIPT_LANGUAGE[script] : undefined;
  if (!script || script === 'Latn') return lang;
  return `${lang ?? 'und'}-${script}`;
}
