/**
 * Pre-scan, sparqljs parse and shape-walk times of queries at the default limits (and one the
 * pre-scan refuses); OX=1 also evaluates each accepted one in Oxigraph on this thread.
 * Figures: docs/decisions/0006-query-shape-limits.md.   npx tsx bench/query-limits.ts
 */
import oxigraph from 'oxigraph';
import sparqljs from 'sparqljs';
import { checkQueryShape, DEFAULT_QUERY_LIMITS, prescanQuery } from '../src/store/query-limits.js';
import { manyOrs, manyTriples, manyUnions, manyValues, nestedGroups } from '../test/helpers/hostile-queries.js';

const shapes: [string, string][] = [
  ['nested groups 200', nestedGroups(200)],
  ['UNION 1000 branches', manyUnions(1000)],
  ['FILTER 1000 ORs (1999 nodes)', manyOrs(1000)],
  ['VALUES 5500 rows (128 KiB)', manyValues(5500)],
  ['500 triple patterns', manyTriples(500)],
  ['128 KiB, one long literal', `SELECT * WHERE { ?s ?p "${'x'.repeat(131_000)}" }`],
  ['nested groups 10000 (refused)', nestedGroups(10000)],
];
for (let i = 0; i < 20; i++) new sparqljs.Parser().parse('SELECT * WHERE { ?s ?p ?o FILTER(?o = 1 || (?o > 2)) } LIMIT 1');
for (const [name, q] of shapes) {
  const pre: number[] = [],
    parse: number[] = [],
    check: number[] = [];
  let refused = '';
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    try {
      prescanQuery(q, 'sparql', DEFAULT_QUERY_LIMITS);
    } catch (e) {
      refused = (e as Error).message;
    }
    pre.push(performance.now() - t);
    if (refused) break;
    t = performance.now();
    const p = new sparqljs.Parser({ sparqlStar: true }).parse(q);
    parse.push(performance.now() - t);
    t = performance.now();
    try {
      checkQueryShape(p, DEFAULT_QUERY_LIMITS);
    } catch (e) {
      refused = (e as Error).message;
    }
    check.push(performance.now() - t);
  }
  let ox = '';
  if (!refused && process.env.OX) {
    const store = new oxigraph.Store();
    const t = performance.now();
    try {
      store.query(q, { results_format: 'application/sparql-results+json', use_default_graph_as_union: true } as never);
      ox = `ok ${(performance.now() - t).toFixed(0)} ms`;
    } catch (e) {
      ox = `${(e as Error).constructor.name}: ${(e as Error).message.slice(0, 40)}`;
    }
  }
  const m = (a: number[]) => (a.length ? Math.min(...a).toFixed(1) : '-');
  console.log(`| ${name} | ${q.length} | ${m(pre)} | ${m(parse)} | ${m(check)} | ${ox || refused.slice(0, 50)} |`);
}
