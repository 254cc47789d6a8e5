/**
 * Item identity for usage statistics. The item key names the statistic
 * (`id/usage/{item key}-{yyyy-mm}-{metric}`, docs/iri-patterns.md) and the
 * record graph; the link key picks the IRI of the thing that was used.
 */
import { normalizeDoi, normalizeIsbn, slug } from '../identity/mint.js';
import type { UsageData, UsageIdentifiers, UsageItem } from './types.js';

const DOI = /^10\.\d{4,9}\/\S+$/;
const ISSN = /^(\d{4})-?(\d{3}[\dX])$/i;

export const cleanDoi = (v: string): string | undefined => {
  const d = normalizeDoi(v);
  return DOI.test(d) ? d : undefined;
};

export const cleanIssn = (v: string): string | undefined => {
  const m = ISSN.exec(v.trim());
  return m ? `${m[1]}-${(m[2] as string).toUpperCase()}` : undefined;
};

/** ISBN-10 or ISBN-13 digits, with a valid check digit; else undefined. */
export function cleanIsbn(v: string): string | undefined {
  const d = normalizeIsbn(v);
  if (/^\d{9}[\dX]$/.test(d)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (d[i] === 'X' ? 10 : Number(d[i])) * (10 - i);
    return sum % 11 === 0 ? d : undefined;
  }
  if (/^97[89]\d{10}$/.test(d)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(d[i]) * (i % 2 ? 3 : 1);
    return sum % 10 === 0 ? d : undefined;
  }
  return undefined;
}

/**
 * Reads a bare identifier from an event log: a DOI (also as doi: or a
 * resolver URL), an ISBN, an ISSN, or else a proprietary (local) id.
 */
export function classifyIdentifier(raw: string): UsageIdentifiers {
  const v = raw.trim();
  const doi = cleanDoi(v);
  if (doi) return { doi };
  if (/^(urn:)?isbn:?/i.test(v) || /^[\d-]{10,17}X?$/i.test(v)) {
    const isbn = cleanIsbn(v.replace(/^(urn:)?isbn:?\s*/i, ''));
    if (isbn) return { isbn };
  }
  const issn = cleanIssn(v.replace(/^(urn:)?issn:?\s*/i, ''));
  if (issn) return { issn };
  return { proprietary: v };
}

/** The identifier part of an item key: strongest identifier first. */
function identifierKey(item: UsageItem): string | undefined {
  const ids = item.identifiers;
  if (ids.doi) return `doi-${ids.doi}`;
  if (ids.isbn) return `isbn-${ids.isbn}`;
  if (ids.issn) return `issn-${ids.issn}`;
  if (ids.online_issn) return `issn-${ids.online_issn}`;
  if (ids.proprietary) return `prop-${ids.proprietary}`;
  if (ids.uri) return `uri-${slug(ids.uri)}`;
  if (item.title) return `title-${slug(item.title)}`;
  return undefined;
}

const platformKey = (item: UsageItem) => slug(item.platform ?? '') || 'unknown-platform';

/**
 * `{report}/{platform}/{identifier}`. The report and platform are part of the
 * key because one item has different counts in different reports (TR counts
 * all access types, TR_J1 only controlled) and on different platforms; an
 * item without identifier or title is the platform itself (PR reports).
 */
export function itemKey(reportId: string, item: UsageItem): string {
  return `${reportId.toLowerCase()}/${platformKey(item)}/${identifierKey(item) ?? 'platform'}`;
}

/**
 * What the counted item's IRI is built from (mappings/counter.yaml): the DOI
 * (`id/doi/…`, shared with catalog and DataCite records), else an ISBN- or
 * ISSN-based work IRI (`id/work/isbn-…`, `id/work/issn-…`), else a key local
 * to the platform (`id/work/{platform}-prop-…`, `-title-…`, or `-platform` for
 * a platform's own counts).
 */
export function linkOf(item: UsageItem): UsageData['link'] {
  const ids = item.identifiers;
  if (ids.doi) return { doi: ids.doi };
  if (ids.isbn) return { isbn: ids.isbn };
  const issn = ids.issn ?? ids.online_issn;
  if (issn) return { issn };
  return { local: `${platformKey(item)}-${identifierKey(item) ?? 'platform'}` };
}
