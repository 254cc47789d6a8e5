/**
 * Example queries pre-filled in the query page, written against the ontology
 * (docs/ontology.md); test/http/sparql-examples.test.ts runs them on the demo data.
 */
import { PREFIXES } from '../../vocab.js';

export interface ExampleQuery {
  name: string;
  query: string;
}

const prefixes = (...names: (keyof typeof PREFIXES)[]) => names.map((p) => `PREFIX ${p}: <${PREFIXES[p]}>`).join('\n');

export const EXAMPLE_QUERIES: ExampleQuery[] = [
  {
    name: 'Authors of a work',
    query: `${prefixes('dct', 'foaf', 'rdfs')}

# Works with their creators and contributors.
SELECT ?work ?title ?role ?agent ?name WHERE {
  ?work dct:title ?title ;
        ?role ?agent .
  VALUES ?role { dct:creator dct:contributor }
  OPTIONAL { ?agent foaf:name ?name }
}
ORDER BY ?title ?name
LIMIT 100`,
  },
  {
    name: 'Patents citing a work',
    query: `${prefixes('bibo', 'cito', 'dct', 'libkg')}

# What each patent cites: works and patents libkg knows (their title), or the
# patent's own bibliographic citation of non-patent literature.
SELECT ?patent ?number ?title ?cited ?citedTitle WHERE {
  ?patent a bibo:Patent ;
          cito:cites ?cited .
  OPTIONAL { ?patent libkg:publicationNumber ?number }
  OPTIONAL { ?patent dct:title ?title }
  OPTIONAL { ?cited dct:title|dct:bibliographicCitation ?citedTitle }
}
ORDER BY ?number
LIMIT 100`,
  },
  {
    name: 'Datasets by funder',
    query: `${prefixes('dcat', 'dct', 'foaf', 'schema')}

# Datasets grouped by the organisation that funded them.
SELECT ?funder (SAMPLE(?name) AS ?funderName) (COUNT(DISTINCT ?dataset) AS ?datasets) (SAMPLE(?title) AS ?example) WHERE {
  ?dataset a dcat:Dataset ;
           schema:funder ?funder .
  OPTIONAL { ?dataset dct:title ?title }
  OPTIONAL { ?funder foaf:name ?name }
}
GROUP BY ?funder
ORDER BY DESC(?datasets)`,
  },
  {
    name: 'Most used works this year',
    query: `${prefixes('dct', 'libkg', 'owl', 'rdfs')}

# Usage counts summed per item over the most recent year that has usage figures
# (on a live server that is this year; the demo data is older). The title comes from the item
# or from a work it is linked to (owl:sameAs, e.g. the catalogue work found by \`libkg link run works\`).
SELECT ?item (SAMPLE(?name) AS ?title) ?uses WHERE {
  {
    SELECT ?item (SUM(?count) AS ?uses) WHERE {
      { SELECT (MAX(YEAR(?s)) AS ?year) WHERE { ?any libkg:periodStart ?s } }
      ?stat a libkg:UsageStatistic ;
            libkg:usageOf ?item ;
            libkg:count ?count ;
            libkg:periodStart ?start .
      FILTER (YEAR(?start) = ?year)
    }
    GROUP BY ?item
  }
  OPTIONAL { ?item (owl:sameAs|^owl:sameAs)?/(dct:title|rdfs:label) ?name }
}
GROUP BY ?item ?uses
ORDER BY DESC(?uses)
LIMIT 20`,
  },
  {
    name: 'Full-text search',
    query: `PREFIX text: <http://jena.apache.org/text#>
${prefixes('dct')}

# Full-text search as with Fuseki's jena-text: works whose creator matches "chabon"
# (the same query language as /search?q=), best match first, joined with their titles.
SELECT ?work ?score ?title WHERE {
  (?work ?score) text:query (dct:creator "chabon" 100) .
  ?work dct:title ?title .
}
ORDER BY DESC(?score)`,
  },
];
