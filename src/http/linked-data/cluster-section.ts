/**
 * The owl:sameAs cluster on an entity's HTML page: every member with the graphs it comes from
 * (record graphs, or the link graph that joined it), the canonical member marked, and for a person
 * the works of the whole cluster. Every value from the data is escaped (html``).
 */
import type * as RDF from '@rdfjs/types';
import type { Cluster } from '../../links/clusters/cluster-index.js';
import { type Html, html } from '../kit/html/escape.js';
import { CREATED_BY } from './cluster-view.js';

export interface ClusterSectionInput {
  thing: string;
  cluster: Cluster;
  /** The description, with the cluster's triples (cluster-view.ts). */
  quads: RDF.Quad[];
  /** Members listed (the rest counted). */
  limit: number;
  isPerson: boolean;
  link: (iri: string) => Html;
  textOf: (iri: string) => string;
}

/** `{base}graph/catalog/dlc-123` reads as "catalog record dlc-123", a link graph as "link spec persons". */
function graphText(graph: string): string {
  const m = /\/graph\/([^/]+)\/(.+)$/.exec(graph);
  if (!m) return graph || 'default graph';
  const key = decodeURIComponent(m[2] as string);
  return m[1] === 'links' ? `link spec ${key}` : `${m[1]} record ${key}`;
}

/** The graph through the Graph Store protocol (readable in a browser as Turtle). */
const graphLink = (graph: string) =>
  graph
    ? html`<a href="/store?graph=${encodeURIComponent(graph)}" class="source">${graphText(graph)}</a>`
    : html`<span class="source">${graphText(graph)}</span>`;

export function clusterSection(input: ClusterSectionInput): Html {
  const { cluster, thing, limit } = input;
  const shown = cluster.members.slice(0, limit);
  const rows = shown.map((m) => {
    // An outside IRI has no graph of its own here: its source is the graph stating the link.
    const graphs = m.graphs.length ? m.graphs : [...new Set(cluster.edges.filter((e) => e.subject === m.iri || e.object === m.iri).map((e) => e.graph))];
    const marks = [m.iri === cluster.canonical ? 'canonical' : '', m.iri === thing ? 'this page' : ''].filter(Boolean).join(', ');
    return html`<tr><th>${m.iri === thing ? html`${input.textOf(m.iri)}` : input.link(m.iri)}${marks ? html` <em class="mark">(${marks})</em>` : ''}<small>${m.iri}</small></th>
<td><ul>${graphs.map((g) => html`<li>${graphLink(g)}</li>`)}</ul></td></tr>\n`;
  });
  const more = cluster.members.length - shown.length;
  const members = new Set(shown.map((m) => m.iri));
  const byWork = new Map<string, string[]>();
  for (const q of input.quads)
    if (CREATED_BY.includes(q.predicate.value) && members.has(q.object.value) && q.subject.termType === 'NamedNode')
      byWork.set(q.subject.value, [...(byWork.get(q.subject.value) ?? []), q.object.value]);
  const works = [...byWork].sort(([a], [b]) => input.textOf(a).localeCompare(input.textOf(b)));
  const worksSection = input.isPerson
    ? html`<section id="cluster-works"><h2>Works of the whole cluster</h2>${
        works.length
          ? html`<ul>${works.map(([w, by]) => html`<li>${input.link(w)} <span class="via">· by ${[...new Set(by)].map((m) => input.textOf(m)).join('; ')}</span></li>`)}</ul>`
          : html`<p>No works name a member of this cluster.</p>`
      }</section>`
    : '';
  return html`<section id="cluster"><h2>Same entity in other sources</h2>
<p>${cluster.members.length} members joined by owl:sameAs${more > 0 ? `, ${shown.length} shown` : ''}.</p>
<table>${rows}</table></section>
${worksSection}`;
}
