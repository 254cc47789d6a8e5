/**
 * The SP2Bench query mix (Schmidt et al., ICDE 2009) rewritten for the
 * vocabulary in vocab.ts, plus three everyday library queries. Comments name
 * what each SP2Bench query tests; changes from the original are noted.
 */
import type { GenMeta } from './generate.js';
import { PREFIX_DECLS } from './vocab.js';

/** q4: pairs of authors publishing in the same journal (shared by q4c). */
const Q4 = `SELECT DISTINCT ?name1 ?name2 WHERE {
  ?article1 rdf:type bibo:Article . ?article2 rdf:type bibo:Article .
  ?article1 dct:creator ?author1 . ?author1 foaf:name ?name1 .
  ?article2 dct:creator ?author2 . ?author2 foaf:name ?name2 .
  ?article1 dct:isPartOf ?journal . ?article2 dct:isPartOf ?journal
  FILTER (?name1 < ?name2)
}`;

export interface BenchQuery {
  id: string;
  /** Part of the mix the 8 concurrent clients run (short queries a library site issues). */
  interactive: boolean;
  text: string;
}

const DOC_CLASS = '?class rdfs:subClassOf foaf:Document .';

export function benchQueries(meta: GenMeta): BenchQuery[] {
  const q = (id: string, interactive: boolean, body: string): BenchQuery => ({ id, interactive, text: PREFIX_DECLS + body.trim() });
  return [
    // q1: one journal's year; a selective star.
    q('q1', true, `SELECT ?yr WHERE { ?journal rdf:type bibo:Journal ; dct:title "Journal 1 (1940)" ; dct:issued ?yr }`),
    // q2: a large star with OPTIONAL, sorted (SP2Bench's inproceedings with all attributes).
    q(
      'q2',
      false,
      `SELECT ?inproc ?author ?booktitle ?title ?proc ?ee ?page ?url ?yr ?abstract WHERE {
  ?inproc rdf:type fabio:ConferencePaper ; dct:creator ?author ; bibo:shortTitle ?booktitle ; dct:title ?title ;
    dct:isPartOf ?proc ; rdfs:seeAlso ?ee ; bibo:pages ?page ; foaf:homepage ?url ; dct:issued ?yr .
  OPTIONAL { ?inproc dct:abstract ?abstract }
} ORDER BY ?yr`,
    ),
    // q3a-c: a FILTER on a predicate variable that a good planner turns into a bound predicate; selectivity high/low/empty.
    q('q3a', true, `SELECT ?article WHERE { ?article rdf:type bibo:Article . ?article ?property ?value FILTER (?property = bibo:pages) }`),
    q('q3b', true, `SELECT ?article WHERE { ?article rdf:type bibo:Article . ?article ?property ?value FILTER (?property = bibo:volume) }`),
    q('q3c', true, `SELECT ?article WHERE { ?article rdf:type bibo:Article . ?article ?property ?value FILTER (?property = bibo:isbn) }`),
    // q4: pairs of authors publishing in the same journal; a long join with a large result.
    q('q4', false, Q4),
    // q4c: q4 cut at Virtuoso's result cap (ResultSetMaxRows 1,048,576), so both systems return the same
    // number of rows: Virtuoso's q4 answer stops there, which makes the full q4 incomparable.
    q('q4c', false, `${Q4} LIMIT 1048576`),
    // q5a: authors of articles and of conference papers, joined by FILTER(?name = ?name2) (an implicit join).
    q(
      'q5a',
      false,
      `SELECT DISTINCT ?person ?name WHERE {
  ?article rdf:type bibo:Article . ?article dct:creator ?person .
  ?inproc rdf:type fabio:ConferencePaper . ?inproc dct:creator ?person2 .
  ?person foaf:name ?name . ?person2 foaf:name ?name2
  FILTER (?name = ?name2)
}`,
    ),
    // q5b: the same answer with an explicit join.
    q(
      'q5b',
      false,
      `SELECT DISTINCT ?person ?name WHERE {
  ?article rdf:type bibo:Article . ?article dct:creator ?person .
  ?inproc rdf:type fabio:ConferencePaper . ?inproc dct:creator ?person .
  ?person foaf:name ?name
}`,
    ),
    // q6: each author's publications in their first year (closed-world negation via OPTIONAL + !bound).
    q(
      'q6',
      false,
      `SELECT ?yr ?name ?document WHERE {
  ${DOC_CLASS} ?document rdf:type ?class . ?document dct:issued ?yr . ?document dct:creator ?author . ?author foaf:name ?name
  OPTIONAL {
    ?class2 rdfs:subClassOf foaf:Document . ?document2 rdf:type ?class2 . ?document2 dct:issued ?yr2 . ?document2 dct:creator ?author2
    FILTER (?author = ?author2 && ?yr2 < ?yr)
  }
  FILTER (!bound(?author2))
}`,
    ),
    // q7: titles of works cited only by works nobody cites (double negation). SP2Bench's rdf:Bag of references becomes direct cito:cites.
    q(
      'q7',
      false,
      `SELECT DISTINCT ?title WHERE {
  ${DOC_CLASS} ?doc rdf:type ?class . ?doc dct:title ?title . ?doc2 cito:cites ?doc
  OPTIONAL {
    ?class3 rdfs:subClassOf foaf:Document . ?doc3 rdf:type ?class3 . ?doc3 cito:cites ?doc
    OPTIONAL { ?class4 rdfs:subClassOf foaf:Document . ?doc4 rdf:type ?class4 . ?doc4 cito:cites ?doc3 }
    FILTER (!bound(?doc4))
  }
  FILTER (!bound(?doc3))
}`,
    ),
    // q8: Erdoes numbers 1 and 2: UNION with inequality filters.
    q(
      'q8',
      false,
      `SELECT DISTINCT ?name WHERE {
  ?erdoes rdf:type foaf:Person . ?erdoes foaf:name "Paul Erdoes" .
  {
    ?document dct:creator ?erdoes . ?document dct:creator ?author .
    ?document2 dct:creator ?author . ?document2 dct:creator ?author2 . ?author2 foaf:name ?name
    FILTER (?author != ?erdoes && ?document2 != ?document && ?author2 != ?erdoes && ?author2 != ?author)
  } UNION {
    ?document dct:creator ?erdoes . ?document dct:creator ?author . ?author foaf:name ?name
    FILTER (?author != ?erdoes)
  }
}`,
    ),
    // q9: predicates touching persons, in and out: unbound predicates.
    q(
      'q9',
      false,
      `SELECT DISTINCT ?predicate WHERE {
  { ?person rdf:type foaf:Person . ?subject ?predicate ?person } UNION { ?person rdf:type foaf:Person . ?person ?predicate ?object }
}`,
    ),
    // q10: everything pointing at one IRI.
    q('q10', true, `SELECT ?subject ?predicate WHERE { ?subject ?predicate person:Paul_Erdoes }`),
    // q11: ORDER BY + LIMIT/OFFSET over one predicate.
    q('q11', true, `SELECT ?ee WHERE { ?publication rdfs:seeAlso ?ee } ORDER BY ?ee LIMIT 10 OFFSET 50`),
    // q12a-c: ASK forms of q5a and q8, and an ASK that is false.
    q(
      'q12a',
      false,
      `ASK {
  ?article rdf:type bibo:Article . ?article dct:creator ?person .
  ?inproc rdf:type fabio:ConferencePaper . ?inproc dct:creator ?person2 .
  ?person foaf:name ?name . ?person2 foaf:name ?name2
  FILTER (?name = ?name2)
}`,
    ),
    q(
      'q12b',
      false,
      `ASK {
  ?erdoes rdf:type foaf:Person . ?erdoes foaf:name "Paul Erdoes" .
  {
    ?document dct:creator ?erdoes . ?document dct:creator ?author .
    ?document2 dct:creator ?author . ?document2 dct:creator ?author2 . ?author2 foaf:name ?name
    FILTER (?author != ?erdoes && ?document2 != ?document && ?author2 != ?erdoes && ?author2 != ?author)
  } UNION {
    ?document dct:creator ?erdoes . ?document dct:creator ?author . ?author foaf:name ?name
    FILTER (?author != ?erdoes)
  }
}`,
    ),
    q('q12c', true, `ASK { person:John_Q_Public rdf:type foaf:Person }`),
    // Library queries: a work's authors, the works citing a work, works per year.
    q('authors', true, `SELECT ?author ?name WHERE { <${meta.sampleWork}> dct:creator ?author . ?author foaf:name ?name }`),
    q('citing', true, `SELECT ?work ?title WHERE { ?work cito:cites <${meta.popularWork}> ; dct:title ?title }`),
    q('per-year', false, `SELECT ?yr (COUNT(?work) AS ?works) WHERE { ${DOC_CLASS} ?work rdf:type ?class ; dct:issued ?yr } GROUP BY ?yr ORDER BY ?yr`),
  ];
}
