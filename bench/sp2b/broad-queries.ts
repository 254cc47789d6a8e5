/**
 * The broad query set over SP2Bench data: grouping with HAVING, aggregate subqueries, MINUS, NOT EXISTS,
 * multi-hop joins, text filters, OPTIONAL, DESCRIBE/CONSTRUCT, FROM, undeclared prefixes.
 */
import type { BenchQuery } from './queries.js';
import { PREFIX_DECLS } from './vocab.js';

const broad = (id: string, body: string, declared = true): BenchQuery => ({ id, interactive: false, text: (declared ? PREFIX_DECLS : '') + body });
/** Researcher-style shapes SP2Bench's own queries do not cover (bench/query-path.ts, bench/analytical.ts). */
export const BROAD: BenchQuery[] = [
  broad(
    'group-having',
    'SELECT ?author (COUNT(?doc) AS ?n) WHERE { ?doc dct:creator ?author } GROUP BY ?author HAVING (COUNT(?doc) > 3) ORDER BY DESC(?n) LIMIT 20',
  ),
  broad('group-year-type', 'SELECT ?yr ?type (COUNT(*) AS ?n) WHERE { ?doc rdf:type ?type ; dct:issued ?yr } GROUP BY ?yr ?type ORDER BY ?yr ?type'),
  broad(
    'agg-subquery',
    'SELECT ?journal ?n WHERE { { SELECT ?journal (COUNT(?a) AS ?n) WHERE { ?a dct:isPartOf ?journal . ?journal rdf:type bibo:Journal } GROUP BY ?journal } FILTER (?n > 5) } ORDER BY DESC(?n) LIMIT 10',
  ),
  broad(
    'minus',
    'SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?a dct:creator ?p . ?a rdf:type bibo:Article MINUS { ?c dct:creator ?p . ?c rdf:type fabio:ConferencePaper } }',
  ),
  broad('not-exists', 'SELECT ?a WHERE { ?a rdf:type bibo:Article FILTER NOT EXISTS { ?a dct:abstract ?x } } LIMIT 500'),
  broad('two-hop-distinct', 'SELECT (COUNT(DISTINCT ?co) AS ?n) WHERE { ?a dct:creator ?p . ?a dct:creator ?co . FILTER (?p != ?co) }'),
  broad('three-hop', 'SELECT ?name ?jt WHERE { ?a dct:creator ?p ; dct:isPartOf ?j . ?j dct:title ?jt . ?p foaf:name ?name } LIMIT 1000'),
  broad(
    'text-filter-join',
    'SELECT ?a ?t ?name WHERE { ?a dct:title ?t ; dct:creator ?p . ?p foaf:name ?name FILTER (CONTAINS(LCASE(?t), "alpha")) } LIMIT 200',
  ),
  broad('regex', 'SELECT (COUNT(*) AS ?n) WHERE { ?p foaf:name ?name FILTER REGEX(?name, "^Per", "i") }'),
  broad(
    'optional-sorted',
    'SELECT ?a ?abs ?yr WHERE { ?a rdf:type bibo:Article ; dct:issued ?yr OPTIONAL { ?a dct:abstract ?abs } } ORDER BY DESC(?yr) ?a LIMIT 100',
  ),
  broad(
    'union-count',
    'SELECT (COUNT(*) AS ?n) WHERE { { ?a rdf:type bibo:Article } UNION { ?a rdf:type fabio:ConferencePaper } UNION { ?a rdf:type bibo:Book } }',
  ),
  broad('values-join', 'SELECT ?a ?t WHERE { VALUES ?type { bibo:Article bibo:Book bibo:Thesis } ?a rdf:type ?type ; dct:title ?t } LIMIT 1000'),
  broad('bind-expr', 'SELECT ?a (STRLEN(?t) AS ?len) WHERE { ?a dct:title ?t BIND (YEAR(NOW()) AS ?now) } ORDER BY DESC(?len) LIMIT 20'),
  broad('construct', 'CONSTRUCT { ?a dct:creator ?p } WHERE { ?a dct:creator ?p ; dct:issued 1960 }'),
  broad('describe', 'DESCRIBE ?j WHERE { ?j rdf:type bibo:Journal } LIMIT 5'),
  broad('ask', 'ASK { ?a dct:abstract ?x ; dct:issued 1950 }'),
  broad('from-graph', `SELECT (COUNT(*) AS ?n) FROM <http://bench.libkg.example/sp2b/graph> WHERE { ?s dct:title ?t }`),
  broad('undeclared-prefixes', 'SELECT ?a ?t WHERE { ?a a bibo:Article ; dct:title ?t } LIMIT 100', false),
];
