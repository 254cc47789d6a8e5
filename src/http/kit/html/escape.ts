/** Escaping for HTML built from data: no literal or IRI from a record can become markup or script. */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values (always double-quoted in our templates). */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` as
 * \u escapes, so neither `</script>` nor `<!--` can end or change the block,
 * plus the two line separators JavaScript parsers once choked on.
 */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value, null, 1)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** An IRI usable as a link target: http(s) only, so `javascript:` and `data:` IRIs in data stay text. */
export const safeHref = (iri: string): string | undefined => (/^https?:\/\//i.test(iri) ? iri : undefined);

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | undefined | null | false | Part[];

function render(p: Part): string {
  if (p === undefined || p === null || p === false) return '';
  if (Array.isArray(p)) return p.map(render).join('');
  if (p instanceof Html) return p.value;
  return escapeHtml(String(p));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] as string;
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] as string);
  });
  return new Html(out);
}

/** Trusted markup (our own constants only). */
export const raw = (s: string) => new Html(s);

/** No script may run on our pages; JSON-LD blocks are data, which CSP does not block. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
