/**
 * The broad query set besides SP2Bench's own (bench/query-path.ts, test/store/optimize-switches.test.ts):
 * grouping with HAVING, aggregate subqueries, MINUS, NOT EXISTS, multi-hop joins, text filters, OPTIONAL,
 * DESCRIBE/CONSTRUCT, FROM, undeclared prefixes, and general shapes of the kinds each rewrite acts on (not
 * SP2Bench's own texts), so a rewrite's effect is measured on more than the query it was made for.
 */
import type { BenchQuery } from './queries.js';
import { PREFIX_DECLS } from './vocab.js';

const broad = (id: string, body: string, declared = true): BenchQuery => ({ id, interactive: false, text: (declared ? PREFIX_DECLS : '') + body });
/** Researcher-style shapes SP2Bench does not cover, and general shapes each rewrite of src/store/optimize/ touches. */
export const BROAD_QUERIES: BenchQuery[] = [
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
  // General shapes for the rewrites (each names the rewrite it gives work to).
  // filter-equality: two works sharing a publisher, written as a FILTER over two variables.
  broad('same-publisher', 'SELECT ?a ?b WHERE { ?a dct:publisher ?p ; dct:issued 1950 . ?b dct:publisher ?q ; dct:issued 1951 FILTER (?p = ?q) } LIMIT 100'),
  // optional-minus: SPARQL 1.0's "no such triple".
  broad('optional-unbound', 'SELECT ?a ?t WHERE { ?a rdf:type bibo:Article ; dct:title ?t OPTIONAL { ?a dct:abstract ?x } FILTER (!bound(?x)) }'),
  // distinct-pushdown: authors who published in a journal, the works only asked to exist.
  broad('distinct-journal-authors', 'SELECT DISTINCT ?p WHERE { ?a dct:creator ?p ; dct:isPartOf ?j . ?j rdf:type bibo:Journal }'),
  // union-distribute: one year's works by creator or editor.
  broad('union-anchor', 'SELECT ?a ?x WHERE { ?a dct:issued 1955 . { ?a dct:creator ?x } UNION { ?a bibo:editor ?x } }'),
  // semi-join: distinct names of people cited by a work of one year.
  broad(
    'distinct-union-hops',
    'SELECT DISTINCT ?name WHERE { { ?a dct:issued 1960 ; cito:cites ?c . ?c dct:creator ?p . ?p foaf:name ?name } UNION { ?a dct:issued 1960 ; dct:creator ?p . ?p foaf:name ?name } }',
  ),
  // grouped-count: works per class, counted over a star.
  broad(
    'count-per-class',
    'SELECT ?class (COUNT(?w) AS ?n) WHERE { ?class rdfs:subClassOf foaf:Document . ?w rdf:type ?class ; dct:title ?t } GROUP BY ?class ORDER BY ?class',
  ),
  // edge-predicates: which predicates journals have.
  broad('journal-predicates', 'SELECT DISTINCT ?p WHERE { ?j rdf:type bibo:Journal . ?j ?p ?o }'),
  // top-k: a page of a sorted IRI column.
  broad('sorted-page', 'SELECT ?p WHERE { ?a dct:creator ?p } ORDER BY ?p LIMIT 10 OFFSET 500'),
  // empty-join + join-order: a type and a predicate no thing of the type has.
  broad('empty-pair', 'SELECT ?b ?v WHERE { ?b rdf:type bibo:Journal ; bibo:isbn ?v }'),
  // join-order: a rare pattern written last in a chain.
  broad('rare-last', 'SELECT ?a ?p WHERE { ?a dct:creator ?p ; dct:title ?t ; dct:abstract ?x ; bibo:pages ?pg }'),
];
