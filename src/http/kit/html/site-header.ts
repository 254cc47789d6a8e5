/**
 * The header every HTML page of libkg shares: the site name and the places a visitor goes to.
 * Paths are relative to the base IRI's path, so a server under /kg/ links within /kg/.
 */
import { type Html, html } from './escape.js';

/** Navigation entries: label and path below the base path. */
export const NAV: readonly (readonly [label: string, path: string])[] = [
  ['Search', 'search'],
  ['SPARQL', 'sparql'],
  ['GraphQL', 'graphql'],
  ['Dataset', '.well-known/void'],
  ['Dumps', 'dumps/'],
  ['OAI-PMH', 'oai?verb=Identify'],
  ['LDES', 'ldes'],
  ['Ontology', 'ontology'],
];

/** The shared stylesheet (header, start page, error pages), served by the home plugin. */
export const SITE_CSS = 'assets/libkg.css';
export const FAVICON_SVG = 'favicon.svg';

/** `<link>` elements for the shared stylesheet and the icon; goes into every page's head. */
export const siteHeadLinks = (home: string): Html =>
  html`<link rel="stylesheet" href="${home}${SITE_CSS}">\n<link rel="icon" type="image/svg+xml" href="${home}${FAVICON_SVG}">\n<link rel="search" type="application/opensearchdescription+xml" title="libkg" href="${home}opensearch.xml">\n`;

/** The header itself; `current` marks the navigation entry of the page shown. */
export const siteHeader = (home: string, current?: string): Html =>
  html`<header class="site"><nav aria-label="libkg"><a class="brand" href="${home}">libkg</a>${NAV.map(
    ([label, path]) => html` <a href="${home}${path}"${label === current ? html` aria-current="page"` : ''}>${label}</a>`,
  )}</nav></header>`;
