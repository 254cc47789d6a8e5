/** A search answer as JSON-LD: a hydra:Collection of compact entity nodes, paged with hydra:view, facets as a JSON literal. */

import { LIBKG_CONTEXT } from '../../rdf/context.js';
import { keyCompactor } from '../../rdf/jsonld-nodes.js';
import type { SearchAnswer, SearchDoc } from '../../search/port.js';
import { NS } from '../../vocab.js';
import { FACETS, type SearchParams } from '../kit/search-params.js';
import { withAlso } from './also.js';
import { didYouMean } from './did-you-mean.js';
import type { SearchLinks } from './links.js';

const compact = keyCompactor();
const HYDRA = NS.hydra('');

/** libkg's context plus the one search term: facets, kept as JSON (they navigate, they are not data). */
export const SEARCH_CONTEXT = [
  LIBKG_CONTEXT,
  { facets: { '@id': NS.libkg('facets'), '@type': '@json' }, didYouMean: { '@id': NS.libkg('didYouMean'), '@type': '@json' } },
];

const literal = (t: { value: string; lang: string }) => (t.lang ? { '@value': t.value, '@language': t.lang } : t.value);

/** One hit as a node: what the index knows, enough to show and link it without another request. */
export function memberNode(d: SearchDoc): Record<string, unknown> {
  const node: Record<string, unknown> = { id: d.iri };
  if (d.types.length) node.type = d.types.map(compact);
  if (d.labels.length) node.label = d.labels.map(literal);
  if (d.contributors.length) node.contributor = d.contributors.map((c) => (c.iri ? { id: c.iri, label: c.name } : { label: c.name }));
  if (d.subjects.length) node.subject = d.subjects.map((s) => (s.iri ? { id: s.iri, label: s.label } : s.label));
  const ids = d.identifiers.filter((i) => !/^https?:\/\//.test(i));
  const same = d.identifiers.filter((i) => /^https?:\/\//.test(i));
  if (ids.length) node.identifier = ids;
  if (same.length) node.sameAs = same.map((id) => ({ id }));
  if (d.years.length) node.issued = d.years.map((y) => ({ '@value': String(y).padStart(4, '0'), '@type': NS.xsd('gYear') }));
  if (d.languages.length) node.language = d.languages.map((l) => ({ '@value': l, '@type': NS.xsd('language') }));
  if (d.dates.birth) node['schema:birthDate'] = d.dates.birth;
  if (d.dates.death) node['schema:deathDate'] = d.dates.death;
  return node;
}

export function searchJsonld(answer: SearchAnswer, p: SearchParams, links: SearchLinks, endpoint: string): Record<string, unknown> {
  const last = Math.max(1, Math.ceil(answer.total / p.request.size));
  const facets: Record<string, unknown> = {};
  for (const f of FACETS) {
    facets[f] = (answer.facets[f] ?? []).map((v) => {
      const value = f === 'type' ? compact(v.value) : v.value;
      return { value, ...(v.label ? { label: v.label } : {}), count: v.count, view: links.refine(f, value) };
    });
  }
  return {
    '@context': SEARCH_CONTEXT,
    id: links.collection(),
    type: 'hydra:Collection',
    'hydra:totalItems': answer.total,
    'hydra:member': answer.hits.map((h) => withAlso(memberNode(h.doc), h)),
    'hydra:view': {
      id: links.page(p.page),
      type: 'hydra:PartialCollectionView',
      'hydra:first': { id: links.page(1) },
      'hydra:last': { id: links.page(last) },
      ...(p.page > 1 ? { 'hydra:previous': { id: links.page(Math.min(p.page - 1, last)) } } : {}),
      ...(p.page < last ? { 'hydra:next': { id: links.page(p.page + 1) } } : {}),
    },
    'hydra:search': {
      type: 'hydra:IriTemplate',
      'hydra:template': `${endpoint}{?q,type,lang,year,subject,sort,page,size}`,
      'hydra:variableRepresentation': { id: `${HYDRA}BasicRepresentation` },
      'hydra:mapping': [
        { type: 'hydra:IriTemplateMapping', 'hydra:variable': 'q', 'hydra:property': { id: `${HYDRA}freetextQuery` }, 'hydra:required': false },
        { type: 'hydra:IriTemplateMapping', 'hydra:variable': 'type', 'hydra:property': { id: NS.rdf('type') }, 'hydra:required': false },
        { type: 'hydra:IriTemplateMapping', 'hydra:variable': 'lang', 'hydra:property': { id: NS.dct('language') }, 'hydra:required': false },
        { type: 'hydra:IriTemplateMapping', 'hydra:variable': 'year', 'hydra:property': { id: NS.dct('issued') }, 'hydra:required': false },
        { type: 'hydra:IriTemplateMapping', 'hydra:variable': 'subject', 'hydra:property': { id: NS.dct('subject') }, 'hydra:required': false },
        { type: 'hydra:IriTemplateMapping', 'hydra:variable': 'sort', 'hydra:property': { id: NS.schema('sortOrder') }, 'hydra:required': false },
        { type: 'hydra:IriTemplateMapping', 'hydra:variable': 'page', 'hydra:property': { id: `${HYDRA}pageIndex` }, 'hydra:required': false },
        { type: 'hydra:IriTemplateMapping', 'hydra:variable': 'size', 'hydra:property': { id: `${HYDRA}limit` }, 'hydra:required': false },
      ],
    },
    facets,
    ...(answer.corrections?.length ? { didYouMean: didYouMean(p.q, answer.corrections, links) } : {}),
  };
}
