/**
 * The event stream for browsers: the stream, each page as a table of members (time, change, graph,
 * link to the version), each version as the graph it held. Machine formats stay as they were;
 * this is only chosen when the client prefers text/html. Every value escaped (html``).
 */
import type * as RDF from '@rdfjs/types';
import { NS } from '../../vocab.js';
import { type Html, html } from '../kit/html/escape.js';
import { graphPage } from '../kit/html/graph-page.js';
import { page } from '../kit/html/layout.js';
import { vocabulary } from '../kit/vocabulary.js';

export interface LdesView {
  baseIri: string;
  /** The stream's IRI ({base}ldes). */
  stream: string;
}

const FORMATS_NOTE = html`<p class="iri">Harvesters ask for <code>application/trig</code>, <code>application/n-quads</code> or <code>application/ld+json</code> (Accept header) and get the same stream as RDF.</p>`;

const localPath = (v: LdesView, iri: string): string | undefined =>
  iri.startsWith(v.baseIri) ? new URL(v.baseIri).pathname + iri.slice(v.baseIri.length) : undefined;

const objects = (quads: RDF.Quad[], s: string, p: string) =>
  quads.filter((q) => q.subject.value === s && q.predicate.value === p && q.graph.termType === 'DefaultGraph').map((q) => q.object);

const seqOf = (member: string) => Number(member.slice(member.lastIndexOf('/') + 1));

/** `/ldes/page/{n}` (and `/ldes`, which shows its first page's link): members in order and the link to the next page. */
export function ldesPageHtml(v: LdesView, quads: RDF.Quad[], title: string, pageIri?: string): string {
  const home = new URL(v.baseIri).pathname;
  const link = (iri: string, text: string | Html): Html => {
    const h = localPath(v, iri);
    return h ? html`<a href="${h}">${text}</a>` : html`${text}`;
  };
  const views = objects(quads, v.stream, NS.tree('view')).map((o) => o.value);
  const description = objects(quads, v.stream, NS.dct('description'))[0]?.value;
  const members = objects(quads, v.stream, NS.tree('member'))
    .map((m) => m.value)
    .sort((a, b) => seqOf(a) - seqOf(b));
  const rows = members.map((m) => {
    const types = objects(quads, m, NS.rdf('type')).map((t) => t.value);
    const change = types.includes(NS.as('Delete')) ? 'deleted' : 'changed';
    const graph = objects(quads, m, NS.dct('isVersionOf'))[0]?.value ?? '';
    const time = objects(quads, m, NS.prov('generatedAtTime'))[0]?.value ?? '';
    const size = quads.filter((q) => q.graph.value === m).length;
    const replacedBy = objects(quads, m, NS.dct('isReplacedBy'))[0]?.value;
    return html`<tr><td>${link(m, String(seqOf(m)))}</td><td>${time.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}</td><td>${change}${
      replacedBy ? html` (content in ${link(replacedBy, String(seqOf(replacedBy)))})` : change === 'changed' ? html`, ${size} triples` : ''
    }</td><td><code>${graph}</code></td></tr>`;
  });
  const next = pageIri
    ? quads
        .filter((q) => q.subject.value === pageIri && q.predicate.value === NS.tree('relation'))
        .flatMap((r) => quads.filter((q) => q.subject.equals(r.object) && q.predicate.value === NS.tree('node')).map((q) => q.object.value))
    : [];
  const body = html`<h1>${title}</h1>
${description ? html`<p>${description}.</p>` : ''}
${pageIri ? '' : html`<p>Start at ${views.map((p) => link(p, 'the first page'))}; each page links to the next.</p>`}
${
  pageIri
    ? html`<table class="members"><tr><th>Version</th><th>Time</th><th>Change</th><th>Graph</th></tr>${rows}</table>
${rows.length === 0 ? html`<p>No changes on this page yet.</p>` : ''}
<p>${next.length ? next.map((n) => html`<a rel="next" href="${localPath(v, n) ?? ''}">Next page →</a>`) : 'This is the last page for now; new changes are added to it.'}</p>`
    : ''
}
${FORMATS_NOTE}`;
  return page({ title, body, home, current: 'LDES' });
}

/** `/ldes/version/{seq}`: the member and the graph it holds, as a readable graph page. */
export function ldesVersionHtml(v: LdesView, quads: RDF.Quad[], seq: number): string {
  const home = new URL(v.baseIri).pathname;
  const member = `${v.stream}/version/${seq}`;
  const graph = objects(quads, member, NS.dct('isVersionOf'))[0]?.value ?? '';
  const time = objects(quads, member, NS.prov('generatedAtTime'))[0]?.value ?? '';
  const deleted = objects(quads, member, NS.rdf('type')).some((t) => t.value === NS.as('Delete'));
  const content = quads.filter((q) => q.graph.value === member);
  const intro = html`<p>Version ${seq} of <code>${graph}</code>, ${time}: ${deleted ? 'the graph was deleted.' : html`${content.length} triples.`}</p>
<p><a href="${localPath(v, v.stream) ?? ''}">The event stream</a></p>${FORMATS_NOTE}`;
  return graphPage({
    title: `Version ${seq}`,
    intro,
    quads: content,
    vocab: vocabulary().index,
    href: (iri) => localPath(v, iri),
    home,
  });
}
