/**
 * Identifier normalisation: every spelling of one identifier becomes one string.
 * A value that is not the identifier at all yields nothing; one with a wrong check
 * digit keeps its cleaned form, so that two copies of the same typo still meet.
 */

const compact = (v: string): string => v.toUpperCase().replace(/[^0-9X]/g, '');

export function isbn10CheckDigit(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(first9[i]);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 ? 3 : 1) * Number(first12[i]);
  return String((10 - (sum % 10)) % 10);
}

/** Finds an ISBN-shaped run ("ISBN 3-16-148410-X (pbk.)" → "316148410X"). */
function isbnDigits(v: string): string {
  const m = /(?:97[89][\s-]?)?(?:\d[\s-]?){9}[\dXx]/.exec(v);
  return m ? compact(m[0]) : '';
}

export function isbn13(v: string): string {
  const d = isbnDigits(v);
  if (d.length === 10 && /^\d{9}[\dX]$/.test(d) && isbn10CheckDigit(d) === d[9]) {
    const body = `978${d.slice(0, 9)}`;
    return body + isbn13CheckDigit(body);
  }
  return d;
}

export function isbn10(v: string): string {
  const d = isbnDigits(v);
  if (d.length === 13 && d.startsWith('978') && isbn13CheckDigit(d) === d[12]) {
    const body = d.slice(3, 12);
    return body + isbn10CheckDigit(body);
  }
  return d;
}

/** DOIs are case-insensitive: lower-cased, without resolver or "doi:" prefix. */
export function doi(v: string): string {
  const m = /10\.\d{4,9}\/\S+/.exec(decodeURIComponentSafe(v.trim()));
  return m ? m[0].toLowerCase().replace(/[.,;]+$/, '') : '';
}

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export function issn(v: string): string {
  const m = /\d{4}\s*-?\s*\d{3}[\dXx]/.exec(v);
  if (!m) return '';
  const d = compact(m[0]);
  return `${d.slice(0, 4)}-${d.slice(4)}`;
}

/** ORCID iDs are ISNIs in a reserved block, written in four hyphenated groups. */
export function orcid(v: string): string {
  const m = /\d{4}-?\d{4}-?\d{4}-?\d{3}[\dXx]/.exec(v);
  if (!m) return '';
  const d = compact(m[0]);
  return `${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8, 12)}-${d.slice(12)}`;
}

export function isni(v: string): string {
  const m = /(?:\d\s?){15}[\dXx]/.exec(v);
  return m ? compact(m[0]) : '';
}

export function viaf(v: string): string {
  return /(?:viaf\D*)?(\d{2,22})/i.exec(v)?.[1] ?? '';
}

/** GND ids: "(DE-588)118540238", "https://d-nb.info/gnd/4036582-7", "gnd:118540238". */
export function gnd(v: string): string {
  const m = /(?:\(DE-588\)|d-nb\.info\/gnd\/|gnd[:/]\s*)?(\d[\dX-]*[\dX])/i.exec(v.trim());
  return m?.[1] ? m[1].toUpperCase() : '';
}
