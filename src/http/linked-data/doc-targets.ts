import { DOC_PREFIX, isSafeIri, THING_PREFIX } from '../kit/iri.js';
import { type DocFormat, formatByExt } from './formats.js';

export interface DocTarget {
  /** The thing the document describes. */
  thing: string;
  /** The document IRI without extension. */
  doc: string;
  /** Set when the path ended with a format extension. */
  format?: DocFormat;
}

/**
 * The candidate readings of a document path (`doc/...`, raw): with the
 * extension stripped first, then the whole path (a DOI may end in ".html").
 */
export function docTargets(base: string, rawPath: string): DocTarget[] {
  const rest = rawPath.replace(/^\/+/, '').slice(DOC_PREFIX.length);
  const out: DocTarget[] = [];
  const m = /\.([a-z]+)$/.exec(rest);
  const f = m ? formatByExt(m[1] as string) : undefined;
  if (m && f) {
    const stem = rest.slice(0, -m[0].length);
    out.push({ thing: base + THING_PREFIX + stem, doc: base + DOC_PREFIX + stem, format: f });
  }
  out.push({ thing: base + THING_PREFIX + rest, doc: base + DOC_PREFIX + rest });
  return out.filter((t) => isSafeIri(t.thing));
}
