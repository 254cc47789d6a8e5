import type * as RDF from '@rdfjs/types';
import { NS, PREFIXES } from '../../../vocab.js';
import type { VocabIndex } from '../vocabulary.js';
import { type Html, html, safeHref } from './escape.js';
import { type PageLink, page } from './layout.js';

const curie = (iri: string) => {
  for (const [p, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
  return iri;
};

const LABELS = [NS.rdfs('label'), NS.skos('prefLabel'), NS.dct('title'), NS.foaf('name')];

/**
 * A readable page for any small graph (VoID, the ontology, shapes): one
 * section per named subject, blank nodes nested, every value escaped.
 */
export function graphPage(opts: {
  title: string;
  intro?: Html;
  quads: RDF.Quad[];
  vocab: VocabIndex;
  /** Subjects to show first, in this order. */
  first?: string[];
  href: (iri: string) => string | undefined;
  links?: PageLink[];
  home: string;
}): string {
  const bySubject = new Map<string, RDF.Quad[]>();
  const key = (t: RDF.Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);
  for (const q of opts.quads) bySubject.set(key(q.subject), [...(bySubject.get(key(q.subject)) ?? []), q]);
  const labelOf = (iri: string) => {
    const q = bySubject.get(iri)?.find((x) => LABELS.includes(x.predicate.value) && x.object.termType === 'Literal');
    return q?.object.value ?? (iri.startsWith('http') ? curie(iri) : iri);
  };
  const value = (o: RDF.Term, depth: number): Html => {
    if (o.termType === 'Literal') return html`${o.value}${o.language ? html` <span class="lang">@${o.language}</span>` : ''}`;
    if (o.termType === 'BlankNode') {
      const inner = bySubject.get(key(o)) ?? [];
      if (depth > 3) return html`(node)`;
      return html`<ul>${inner.map((q) => html`<li>${opts.vocab.label(q.predicate.value)}: ${value(q.object, depth + 1)}</li>`)}</ul>`;
    }
    const target = opts.href(o.value) ?? safeHref(o.value);
    const id = bySubject.has(o.value) ? `#${encodeURIComponent(o.value)}` : target;
    return id ? html`<a href="${id}">${labelOf(o.value)}</a>` : html`${labelOf(o.value)}`;
  };
  const named = [...bySubject.keys()].filter((k) => !k.startsWith('_:'));
  const order = [...(opts.first ?? []).filter((f) => bySubject.has(f)), ...named.filter((n) => !opts.first?.includes(n)).sort()];
  const sections = order.map((s) => {
    const rows = (bySubject.get(s) ?? []).map(
      (q) => html`<tr><th>${opts.vocab.label(q.predicate.value)}<small>${curie(q.predicate.value)}</small></th><td>${value(q.object, 0)}</td></tr>\n`,
    );
    return html`<section id="${encodeURIComponent(s)}"><h2>${labelOf(s)}</h2><p class="iri"><code>${s}</code></p><table>${rows}</table></section>\n`;
  });
  return page({ title: opts.title, body: html`<h1>${opts.title}</h1>${opts.intro ?? ''}${sections}`, links: opts.links, home: opts.home });
}
