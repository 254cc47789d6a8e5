import { type Html, html, raw } from './escape.js';
import { siteHeader, siteHeadLinks } from './site-header.js';

const STYLE = raw(`
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.6rem;margin:.5rem 0}.types{color:#555;margin:0}.iri{font-size:.85rem;color:#555;word-break:break-all}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-top:1px solid #ddd}
th{width:14rem;font-weight:600}th small{display:block;font-weight:normal;color:#777}
ul{margin:0;padding-left:1.1rem}.lang{color:#777;font-size:.8rem}.dt{color:#777;font-size:.8rem}
footer{color:#555;font-size:.9rem;padding:1rem}
`);

export interface PageLink {
  href: string;
  type: string;
  rel: string;
}

/**
 * The page shell: no script of ours, only data blocks (`jsonld`, already escaped for a script element).
 * `style`: rules of the page's own, after the shared ones.
 */
export function page(opts: { title: string; body: Html; links?: PageLink[]; jsonld?: string; home: string; current?: string; style?: Html }): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · libkg</title>
${siteHeadLinks(opts.home)}${(opts.links ?? []).map((l) => html`<link rel="${l.rel}" type="${l.type}" href="${l.href}">\n`)}<style>${STYLE}${opts.style ?? ''}</style>
${opts.jsonld ? html`<script type="application/ld+json">${raw(opts.jsonld)}</script>` : ''}
</head>
<body>
${siteHeader(opts.home, opts.current)}
<main>
${opts.body}
</main>
</body>
</html>
`.value;
}
