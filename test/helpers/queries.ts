/** A cartesian product over 300 triples: 27 million rows, far longer than any test timeout. */
export const SLOW_QUERY = 'SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
