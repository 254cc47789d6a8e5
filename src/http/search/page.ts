/** The search results page: a form, the hits, facets to refine, pages. Every value from the data is escaped (html``). */

import { keyCompactor } from '../../rdf/jsonld-nodes.js';
import { displayLabel } from '../../search/merge.js';
import type { SearchAnswer } from '../../search/port.js';
import { type Html, html, jsonForScript, raw, safeHref } from '../kit/html/escape.js';
import { page } from '../kit/html/layout.js';
import { FACETS, type SearchParams } from '../kit/search-params.js';
import { alsoLine } from './also.js';
import { didYouMean } from './did-you-mean.js';
import type { SearchLinks } from './links.js';

const compact = keyCompactor();
const SORTS: [string, string][] = [
  ['', 'Best match'],
  ['label', 'Title A–Z'],
  ['newest', 'Newest'],
  ['oldest', 'Oldest'],
];
const FACET_TITLES: Record<string, string> = { type: 'Type', lang: 'Language', year: 'Year', subject: 'Subject' };

const STYLE = raw(`<style>
form.search{display:flex;gap:.5rem;margin:1rem 0}form.search input[type=search]{flex:1;font:inherit;padding:.4rem}
.layout{display:grid;grid-template-columns:1fr 15rem;gap:2rem}@media(max-width:50rem){.layout{grid-template-columns:1fr}}
ol.hits{padding-left:1.5rem}ol.hits li{margin:.2rem 0 .9rem}.meta{color:#555;font-size:.9rem}
aside h2{font-size:1rem;margin:1rem 0 .3rem}aside ul{list-style:none;padding:0}.count{color:#777}.active{font-weight:600}
nav.pages a{margin-right:.8rem}.help{color:#555;font-size:.9rem}
form.search .box{flex:1;position:relative;display:flex}form.search .box input{flex:1}
ul.suggestions{position:absolute;top:100%;left:0;right:0;z-index:2;list-style:none;margin:0;padding:0;background:#fff;border:1px solid #999;box-shadow:0 2px 6px #0003}
ul.suggestions li{padding:.3rem .5rem;cursor:pointer}ul.suggestions li[aria-selected=true],ul.suggestions li:hover{background:#1a4d8f;color:#fff}
</style>`);

export interface SearchPageInput {
  answer: SearchAnswer;
  params: SearchParams;
  links: SearchLinks;
  /** Path of the search endpoint (the form's action). */
  action: string;
  /** Where an entity IRI links to: a local path for our own IRIs. */
  href: (iri: string) => string | undefined;
  home: string;
  jsonld: unknown;
}

export function searchPage(input: SearchPageInput): string {
  const { answer, params: p, links } = input;
  const first = p.request.from + 1;
  const lastShown = p.request.from + answer.hits.length;
  const pages = Math.max(1, Math.ceil(answer.total / p.request.size));
  const link = (iri: string, text: string): Html => {
    const h = input.href(iri) ?? safeHref(iri);
    return h ? html`<a href="${h}">${text}</a>` : html`${text}`;
  };
  const hits = answer.hits.map((hit) => {
    const { doc } = hit;
    const year = doc.years.length ? Math.min(...doc.years) : undefined;
    const people = doc.contributors.slice(0, 5);
    return html`<li><div class="hit-title">${link(doc.iri, displayLabel(doc))}</div>
<div class="meta">${doc.types.map((t) => compact(t)).join(', ')}${year !== undefined ? html` · ${year}` : ''}${doc.languages.length ? html` · ${doc.languages.join(', ')}` : ''}</div>
${people.length ? html`<div class="meta">${people.map((c, i) => html`${i ? '; ' : ''}${c.iri ? link(c.iri, c.name) : c.name}`)}${doc.contributors.length > 5 ? ' …' : ''}</div>` : ''}
${alsoLine(hit, link)}
</li>`;
  });
  const active = new Set(p.filterPairs.map(([k, v]) => `${k}\u0000${v}`));
  const facets = FACETS.map((f) => {
    const values = answer.facets[f] ?? [];
    if (values.length === 0) return '';
    return html`<h2>${FACET_TITLES[f]}</h2><ul>${values.map((v) => {
      const value = f === 'type' ? compact(v.value) : v.value;
      const on = active.has(`${f}\u0000${value}`);
      const label = v.label ?? value;
      return html`<li${on ? raw(' class="active"') : ''}><a href="${on ? links.without(f, value) : links.refine(f, value)}">${label}</a> <span class="count">${v.count}</span></li>`;
    })}</ul>`;
  });
  const nav = html`<nav class="pages">${p.page > 1 ? html`<a rel="prev" href="${links.page(p.page - 1)}">← Previous</a>` : ''}${
    p.page < pages ? html`<a rel="next" href="${links.page(p.page + 1)}">Next →</a>` : ''
  }</nav>`;
  const body = html`${STYLE}<h1>Search</h1>
<form class="search" method="get" action="${input.action}" role="search" data-suggest="${input.action}/suggest">
<span class="box">
<input type="search" name="q" value="${p.q}" aria-label="Search query" placeholder="title:faust author:goethe, an ISBN, a DOI…"></span>
${p.filterPairs.filter(([k]) => k !== 'sort').map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<select name="sort" aria-label="Sort by">${SORTS.map(([v, label]) => html`<option value="${v}"${(p.request.sort ?? '') === v ? raw(' selected') : ''}>${label}</option>`)}</select>
<button type="submit">Search</button>
</form>
<details class="help"><summary>How to search</summary><p>Words must all occur (AND is the default); <code>OR</code>, <code>NOT</code> or <code>-word</code>, <code>"a phrase"</code>, <code>prefix*</code> and parentheses work as usual.
Fields: <code>title:</code>, <code>author:</code>, <code>subject:</code>, <code>id:</code> (ISBN with or without hyphens, DOI, ORCID, GND…); filters: <code>type:bibo:Book</code>, <code>lang:de</code>, <code>year:1990-2000</code>.
Case and diacritics do not matter, <em>Goethe</em> also finds <em>Göthe</em>, and a Chinese, Japanese or Korean word finds the titles that contain it.</p></details>
${(answer.corrections?.length ? didYouMean(p.q, answer.corrections, links) : []).map((s) => html`<p class="did-you-mean">Did you mean <a href="${s.view}">${s.q}</a>?</p>`)}
<p class="summary">${answer.total === 0 ? 'No results.' : html`Results ${first}–${lastShown} of ${answer.total}`}</p>
<script src="${input.action}/suggest.js" defer></script>
<div class="layout"><section><ol class="hits" start="${first}">${hits}</ol>${nav}</section><aside>${facets}</aside></div>`;
  return page({
    title: p.q ? `Search: ${p.q}` : 'Search',
    body,
    current: 'Search',
    home: input.home,
    jsonld: jsonForScript(input.jsonld),
    links: [{ rel: 'alternate', type: 'application/ld+json', href: withFormat(links.page(p.page)) }],
  });
}

const withFormat = (url: string) => `${url}${url.includes('?') ? '&' : '?'}format=json`;
