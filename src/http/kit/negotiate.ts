/**
 * Content negotiation (RFC 9110 §12.5.1): picks one of the media types a
 * surface offers from an Accept header with q-values, or from a `format`
 * parameter that overrides Accept. Reusable by every HTTP surface.
 */
import { formatNamed } from '../../rdf/media-types.js';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  /** Position in the header: breaks ties between equal q-values in the client's order. */
  order: number;
}

/** Parses an Accept header; malformed entries are skipped, an absent header accepts anything. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [{ type: '*', subtype: '*', q: 1, order: 0 }];
  const ranges: MediaRange[] = [];
  header.split(',').forEach((part, order) => {
    const [range, ...params] = part.split(';').map((s) => s.trim());
    const m = /^([\w.+*-]+)\/([\w.+*-]+)$/.exec(range ?? '');
    if (!m) return;
    let q = 1;
    for (const p of params) {
      const qm = /^q\s*=\s*([\d.]+)$/i.exec(p);
      if (qm) q = Math.min(1, Math.max(0, Number(qm[1]) || 0));
    }
    ranges.push({ type: (m[1] as string).toLowerCase(), subtype: (m[2] as string).toLowerCase(), q, order });
  });
  return ranges;
}

/** The most specific range that covers a media type (exact > type/* > *\/*), as RFC 9110 requires. */
function bestRange(mediaType: string, ranges: MediaRange[]): { range: MediaRange; specificity: number } | undefined {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let best: { range: MediaRange; specificity: number } | undefined;
  for (const r of ranges) {
    let specificity = -1;
    if (r.type === type && r.subtype === subtype) specificity = 2;
    else if (r.type === type && r.subtype === '*') specificity = 1;
    else if (r.type === '*' && r.subtype === '*') specificity = 0;
    if (specificity < 0) continue;
    if (!best || specificity > best.specificity) best = { range: r, specificity };
  }
  return best;
}

/**
 * The offered media type the client prefers, or undefined if none is acceptable.
 * `aliases` maps further media types a client may ask for to an offered one
 * (e.g. application/json to application/sparql-results+json).
 * Ties go to the exact match, then the client's order, then the server's order.
 */
export function negotiate(accept: string | undefined, offered: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const ranges = parseAccept(accept);
  const candidates: [asked: string, canonical: string][] = offered.map((t) => [t, t]);
  for (const [alias, target] of Object.entries(aliases)) if (offered.includes(target)) candidates.push([alias, target]);
  let winner: { type: string; q: number; specificity: number; order: number; rank: number } | undefined;
  candidates.forEach(([asked, canonical], rank) => {
    const hit = bestRange(asked, ranges);
    if (!hit || hit.range.q <= 0) return;
    const c = { type: canonical, q: hit.range.q, specificity: hit.specificity, order: hit.range.order, rank };
    // Aliases only win through an explicit match, never through a wildcard.
    if (asked !== canonical && hit.specificity < 2) return;
    if (
      !winner ||
      c.q > winner.q ||
      (c.q === winner.q && c.specificity > winner.specificity) ||
      (c.q === winner.q && c.specificity === winner.specificity && c.order < winner.order)
    )
      winner = c;
  });
  return winner?.type;
}

/**
 * Turns a `format` parameter into a media type: a media type or a short
 * name of src/rdf/media-types.ts. For graph results, `json`/`xml` mean JSON-LD and RDF/XML. Unknown
 * names give undefined (callers then fall back to Accept).
 */
export function formatToAccept(format: string, graphResult = false): string | undefined {
  const f = format.trim().toLowerCase();
  if (f.includes('/')) return f;
  return formatNamed(f, graphResult);
}
