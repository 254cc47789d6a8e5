/**
 * Identifiers in any spelling: an ISBN-10 and its ISBN-13 (with or without hyphens), an ISSN with
 * or without its hyphen, a DOI with or without `https://doi.org/` (or `doi:`), an ORCID with or
 * without `https://orcid.org/`. Indexing and querying both reduce an identifier to the same
 * compact forms (merge.ts, fts-expression.ts, memory.ts), so any spelling finds any other.
 */
import { compactId } from './text.js';

/** Resolver prefixes and labels that are not part of the identifier itself. */
const WRAPPERS =
  /^(?:https?:\/\/(?:dx\.)?doi\.org\/|https?:\/\/orcid\.org\/|https?:\/\/isni\.org\/isni\/|doi:|urn:isbn:|urn:issn:|(?:isbn|issn|doi|orcid)(?:-1[03])?[:\s]+)/i;

/** ISBN-shaped runs inside a longer value ("0679450041 (alk. paper)", "ISBN 978-0-679-45004-7"). */
const ISBN_RUN = /(?<![\dXx])(?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx](?![\dXx])/g;

function isbn10Check(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(first9[i]);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'x' : String(c);
}

function isbn13Check(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 ? 3 : 1) * Number(first12[i]);
  return String((10 - (sum % 10)) % 10);
}

/** The other form of a valid ISBN (10 ↔ 13, lower-case x), or undefined when `compact` is no valid ISBN. */
export function otherIsbn(compact: string): string | undefined {
  if (/^\d{9}[\dx]$/.test(compact) && isbn10Check(compact.slice(0, 9)) === compact[9]) {
    const twelve = `978${compact.slice(0, 9)}`;
    return twelve + isbn13Check(twelve);
  }
  if (/^97[89]\d{10}$/.test(compact) && isbn13Check(compact.slice(0, 12)) === compact[12] && compact.startsWith('978')) {
    const nine = compact.slice(3, 12);
    return nine + isbn10Check(nine);
  }
  return undefined;
}

/** The compact forms an identifier is indexed and searched under (lower case, no punctuation), its own first. */
export function identifierForms(raw: string): string[] {
  const forms = new Set<string>();
  const own = compactId(raw);
  if (own) forms.add(own);
  const bare = compactId(raw.trim().replace(WRAPPERS, ''));
  if (bare) forms.add(bare);
  for (const run of raw.match(ISBN_RUN) ?? []) {
    const isbn = compactId(run);
    const other = otherIsbn(isbn);
    if (other) forms.add(isbn).add(other);
  }
  return [...forms];
}
