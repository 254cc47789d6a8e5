import type * as RDF from '@rdfjs/types';
import type { Cluster } from '../../links/clusters/cluster-index.js';
import { NS, PREFIXES } from '../../vocab.js';
import { type Html, html, jsonForScript, safeHref } from '../kit/html/escape.js';
import { type PageLink, page } from '../kit/html/layout.js';
import { LABEL_PROPERTIES } from '../kit/labels.js';
import type { VocabIndex } from '../kit/vocabulary.js';
import { clusterSection } from './cluster-section.js';
import { PERSON_CLASSES } from './cluster-view.js';
import { identifierLink, schemeOfIri } from './identifiers.js';
import { schemaOrgJsonld } from './schema-org.js';

export interface EntityPageInput {
  thing: string;
  quads: RDF.Quad[];
  vocab: VocabIndex;
  /** Link target for an IRI: local documents for our own entities, the IRI itself elsewhere (undefined: not linkable). */
  href: (iri: string) => string | undefined;
  alternates: PageLink[];
  home: string;
  /** The entity's owl:sameAs cluster, when it is in one; `clusterLimit` members are listed. */
  cluster?: Cluster;
  clusterLimit?: number;
}

const RDF_TYPE = NS.rdf('type');
const INCOMING = NS.libkg('incomingLinks');
const SAME_AS = [NS.owl('sameAs'), NS.skos('exactMatch')];

const curie = (iri: string) => {
  for (const [p, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
  return iri;
};

/** Labels of every IRI in the description (the description carries them as rdfs:label and friends). */
function labelIndex(quads: RDF.Quad[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const pref of LABEL_PROPERTIES) {
    for (const q of quads)
      if (q.predicate.value === pref && q.object.termType === 'Literal' && !labels.has(q.subject.value)) labels.set(q.subject.value, q.object.value);
  }
  return labels;
}

/** The HTML page of one entity: everything in its description, every literal escaped, plus schema.org JSON-LD. */
export function entityPage(input: EntityPageInput): string {
  const { thing, quads, vocab } = input;
  const labels = labelIndex(quads);
  const title = labels.get(thing) ?? thing;
  const bySubject = new Map<string, RDF.Quad[]>();
  for (const q of quads) {
    const k = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value;
    bySubject.set(k, [...(bySubject.get(k) ?? []), q]);
  }
  const own = bySubject.get(thing) ?? [];

  // A hash IRI without a label of its own reads as its document's label plus the fragment.
  const textOf = (iri: string) => {
    const own = labels.get(iri);
    if (own) return own;
    const hash = iri.indexOf('#');
    const doc = hash > 0 ? labels.get(iri.slice(0, hash)) : undefined;
    return doc ? `${doc} › ${iri.slice(hash + 1)}` : iri;
  };
  const link = (iri: string): Html => {
    const text = textOf(iri);
    const target = input.href(iri);
    return target ? html`<a href="${target}">${text}</a>` : html`${text}`;
  };
  const value = (o: RDF.Term, depth: number): Html => {
    if (o.termType === 'Literal') {
      const extra = o.language
        ? html` <span class="lang">@${o.language}</span>`
        : o.datatype.value !== NS.xsd('string')
          ? html` <span class="dt">${curie(o.datatype.value)}</span>`
          : '';
      return html`${o.value}${extra}`;
    }
    if (o.termType === 'BlankNode') {
      const inner = bySubject.get(`_:${o.value}`) ?? [];
      if (depth > 2 || inner.length === 0) return html`(node)`;
      return html`<ul>${inner.map((q) => html`<li>${vocab.label(q.predicate.value)}: ${part(q, depth + 1)}</li>`)}</ul>`;
    }
    const inner = o.value.startsWith(`${thing}#`) ? bySubject.get(o.value) : undefined;
    if (inner?.length && depth <= 2) {
      return html`${link(o.value)}<ul>${inner.map((q) => html`<li>${vocab.label(q.predicate.value)}: ${part(q, depth + 1)}</li>`)}</ul>`;
    }
    return link(o.value);
  };

  // Inside nested parts, classes read as their ontology labels.
  const part = (q: RDF.Quad, depth: number): Html => (q.predicate.value === RDF_TYPE ? html`${vocab.label(q.object.value)}` : value(q.object, depth));

  const types = own.filter((q) => q.predicate.value === RDF_TYPE).map((q) => vocab.label(q.object.value));
  const ids: Html[] = [];
  for (const q of own) {
    if (q.object.termType === 'Literal') {
      const id = identifierLink(q.predicate.value, q.object.value);
      if (id) ids.push(html`<li>${id.scheme}: <a href="${id.url}" rel="external">${id.value}</a></li>`);
    } else if (q.object.termType === 'NamedNode' && SAME_AS.includes(q.predicate.value)) {
      const href = safeHref(q.object.value);
      const scheme = schemeOfIri(q.object.value) ?? 'Same as';
      ids.push(href ? html`<li>${scheme}: <a href="${href}" rel="external">${q.object.value}</a></li>` : html`<li>${scheme}: ${q.object.value}</li>`);
    }
  }

  const groups = new Map<string, RDF.Term[]>();
  for (const q of own) {
    if (q.predicate.value === RDF_TYPE || q.predicate.value === INCOMING) continue;
    groups.set(q.predicate.value, [...(groups.get(q.predicate.value) ?? []), q.object]);
  }
  const rows = [...groups].map(
    ([p, objects]) =>
      html`<tr><th>${vocab.label(p)}<small>${curie(p)}</small></th><td><ul>${objects.map((o) => html`<li>${value(o, 0)}</li>`)}</ul></td></tr>\n`,
  );

  const incoming = new Map<string, string[]>();
  for (const q of quads) {
    if (q.object.value !== thing || q.subject.termType !== 'NamedNode' || q.subject.value === thing) continue;
    incoming.set(q.predicate.value, [...(incoming.get(q.predicate.value) ?? []), q.subject.value]);
  }
  const shown = [...incoming.values()].reduce((n, a) => n + a.length, 0);
  const total = Number(own.find((q) => q.predicate.value === INCOMING)?.object.value ?? shown);
  const incomingRows = [...incoming].map(
    ([p, subjects]) =>
      html`<tr><th>${vocab.label(p)} (of this)<small>${curie(p)}</small></th><td><ul>${subjects.map((s) => html`<li>${link(s)}</li>`)}</ul></td></tr>\n`,
  );

  const body = html`<h1>${title}</h1>
${types.length ? html`<p class="types">${types.join(' · ')}</p>` : ''}
<p class="iri"><code>${thing}</code></p>
${ids.length ? html`<section><h2>Identifiers</h2><ul>${ids}</ul></section>` : ''}
${input.cluster ? clusterSection({ thing, cluster: input.cluster, quads, limit: input.clusterLimit ?? 100, isPerson: own.some((q) => q.predicate.value === RDF_TYPE && PERSON_CLASSES.includes(q.object.value)), link, textOf }) : ''}
<section><h2>Description</h2><table>${rows}</table></section>
${incomingRows.length ? html`<section><h2>Linked from</h2><p>${total > shown ? `Showing ${shown} of ${total} incoming links.` : `${shown} incoming links.`}</p><table>${incomingRows}</table></section>` : ''}
<footer>Also as ${input.alternates
    .filter((a) => a.type !== 'text/html')
    .map((a, i) => html`${i ? ', ' : ''}<a href="${a.href}" type="${a.type}">${a.type}</a>`)}</footer>`;

  const jsonld = jsonForScript(schemaOrgJsonld(thing, quads, (iri) => labels.get(iri), vocab));
  return page({ title, body, links: input.alternates, jsonld, home: input.home });
}
