/** The start page: what the store holds, a search box, and the ways in (query, harvest, vocabulary). Every value escaped (html``). */
import { PREFIXES } from '../../vocab.js';
import { html } from '../kit/html/escape.js';
import { page } from '../kit/html/layout.js';
import type { VocabIndex } from '../kit/vocabulary.js';
import type { HomeCounts } from './counts.js';

const curie = (iri: string): string => {
  for (const [p, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
  return iri;
};

const n = (x: number) => x.toLocaleString('en');
// Labels made from local names are lower case ("book"): a heading wants a capital.
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Groups of links on the page: title, then [label, path below the base path, what it is]. */
const CARDS: readonly [string, readonly [string, string, string][]][] = [
  [
    'Look things up',
    [
      ['Search', 'search', 'fielded, faceted full-text search over every entity'],
      ['Reconciliation', 'reconcile', 'W3C Reconciliation Service for OpenRefine'],
      ['JSON-LD API', 'api/', 'lists of works, people, organisations… (Hydra)'],
    ],
  ],
  [
    'Query',
    [
      ['SPARQL', 'sparql', 'SPARQL 1.1 endpoint with a query editor and examples'],
      ['GraphQL', 'graphql', 'GraphQL-LD over the same graph'],
      ['Triple Pattern Fragments', 'tpf', 'for Linked Data Fragments clients'],
    ],
  ],
  [
    'Harvest',
    [
      ['Dataset description', '.well-known/void', 'VoID and DCAT: statistics, services, licence'],
      ['Dumps', 'dumps/', 'the whole graph as gzipped N-Quads, per type as Turtle'],
      ['OAI-PMH', 'oai?verb=Identify', 'records as Dublin Core, RDF/XML or MARCXML'],
      ['Event stream (LDES)', 'ldes', 'every change to every record, in order'],
      ['Sitemap', 'sitemap.xml', 'every entity page, for crawlers'],
    ],
  ],
  [
    'Vocabulary',
    [
      ['Ontology', 'ontology', 'the classes and properties libkg uses'],
      ['Shapes', 'shapes', 'SHACL shapes every imported record must meet'],
      ['JSON-LD context', 'context.jsonld', 'the terms of the API and GraphQL'],
    ],
  ],
];

export function homePage(counts: HomeCounts, home: string, vocab: VocabIndex): string {
  const types = counts.types;
  const typeRows =
    types === undefined
      ? html`<tr><td colspan="2">Entity counts are still being computed; reload in a moment.</td></tr>`
      : types.map(
          ({ type, count }) =>
            html`<tr><th><a href="${home}search?type=${encodeURIComponent(curie(type))}">${capital(vocab.label(type))}</a> <small>${curie(type)}</small></th><td class="n">${n(count)}</td></tr>`,
        );
  const body = html`<div class="home">
<h1>libkg knowledge graph</h1>
<p class="lead">Library data — catalogue records, authors, patents, research datasets and usage — as one linked-data graph: every entity has a page and an IRI, and the whole graph can be queried and harvested.</p>
<form class="search" method="get" action="${home}search" role="search">
<input type="search" name="q" aria-label="Search the knowledge graph" placeholder="Search titles, names, subjects, ISBNs, DOIs…">
<button type="submit">Search</button>
</form>
<h2>What it holds</h2>
<table class="counts">
<tr><th>Quads</th><td class="n">${n(counts.quads)}</td></tr>
<tr><th>Graphs (one per source record)</th><td class="n">${n(counts.graphs)}</td></tr>
</table>
<h3>Entities by type</h3>
<table class="counts types">${types?.length === 0 ? html`<tr><td colspan="2">No entities yet: import records with <code>libkg import</code>.</td></tr>` : typeRows}</table>
<div class="cards">${CARDS.map(
    ([title, links]) =>
      html`<section class="card"><h2>${title}</h2><ul>${links.map(([label, path, what]) => html`<li><a href="${home}${path}">${label}</a><small>${what}</small></li>`)}</ul></section>`,
  )}</div>
</div>`;
  return page({ title: 'Start', body, home, current: undefined });
}
