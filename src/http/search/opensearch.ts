/** The OpenSearch description (`/opensearch.xml`): how a browser or aggregator searches libkg, with suggestions. */
import { escapeHtml } from '../kit/html/escape.js';

export const OPENSEARCH_TYPE = 'application/opensearchdescription+xml';

export function openSearchDescription(baseIri: string): string {
  const t = (path: string) => escapeHtml(`${baseIri}${path}`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>libkg</ShortName>
  <Description>Search the library knowledge graph: works, people, organisations, concepts, patents, datasets</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" method="get" template="${t('search?q={searchTerms}&page={startPage?}')}"/>
  <Url type="application/ld+json" method="get" template="${t('search?q={searchTerms}&page={startPage?}&format=json')}"/>
  <Url type="application/x-suggestions+json" method="get" template="${t('search/suggest?q={searchTerms}')}"/>
  <Url type="${OPENSEARCH_TYPE}" rel="self" template="${t('opensearch.xml')}"/>
</OpenSearchDescription>
`;
}
