import sparqljs from 'sparqljs';
import { describe, expect, it } from 'vitest';
import { configFromEnv, resolveConfig } from '../../src/config.js';
import { LibkgError } from '../../src/errors.js';
import { checkQueryShape, DEFAULT_QUERY_LIMITS, measureShape, nestingDepth, prescanQuery, type QueryLimits } from '../../src/store/query-limits.js';
import { manyOrs, manyTriples, manyUnions, manyValues, nestedGroups } from '../helpers/hostile-queries.js';
import { prng } from '../helpers/prng.js';

const parse = (text: string) => new sparqljs.Parser({ sparqlStar: true }).parse(text);

/** The limit a refusal names, or 'accepted'. */
function verdict(text: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): string {
  try {
    prescanQuery(text, 'sparql', limits);
    checkQueryShape(parse(text), limits);
    return 'accepted';
  } catch (e) {
    if (e instanceof LibkgError && e.code === 'QUERY_TOO_COMPLEX') return String(e.extra.limit);
    throw e;
  }
}

describe('nestingDepth (the pre-scan, no parse)', () => {
  it('counts { ( [ nesting and ignores brackets in strings, IRIs and comments', () => {
    expect(nestingDepth(nestedGroups(7), 'sparql')).toBe(7);
    expect(nestingDepth('SELECT * { ?s ?p "{{{" . ?s ?p \'(((\' . ?s ?p """ }}} \\""" {{{ """ }', 'sparql')).toBe(1);
    expect(nestingDepth('SELECT * { ?s <http://ex.org/(((> ?o } # {{{{{{\n', 'sparql')).toBe(1);
    // A less-than is not an IRI: the brackets after it count.
    expect(nestingDepth('SELECT * { ?s ?p ?o FILTER(?o < (((1)))) }', 'sparql')).toBe(5);
    expect(nestingDepth('{ a(x: "{{{") { b { c } } } # {{{', 'graphql')).toBe(3);
  });

  it('stops one level past the limit, so a 1,000,000-deep text is refused in one short pass', () => {
    const text = nestedGroups(1_000_000);
    const t0 = performance.now();
    expect(nestingDepth(text, 'sparql', 200)).toBe(201);
    expect(() => prescanQuery(text, 'sparql', { ...DEFAULT_QUERY_LIMITS, maxQueryChars: 10_000_000 })).toThrow(/more than 200 levels deep/);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('measureShape (the parsed query)', () => {
  it('counts triple patterns, UNION branches, VALUES rows, expression nodes and nesting', () => {
    expect(measureShape(parse(manyTriples(12)))).toMatchObject({ triples: 12 });
    expect(measureShape(parse(manyUnions(9)))).toMatchObject({ unionBranches: 9, triples: 9 });
    expect(measureShape(parse(manyValues(40)))).toMatchObject({ valuesRows: 40, triples: 1 });
    // n equalities and n-1 ||: a chain of one operator is one level deep.
    const ors = measureShape(parse(manyOrs(300)));
    expect(ors.expressionNodes).toBe(599);
    expect(ors.depth).toBeLessThan(10);
    expect(measureShape(parse(nestedGroups(50))).depth).toBeGreaterThanOrEqual(50);
  });

  it('does not count INSERT DATA / DELETE DATA triples as patterns, but counts DELETE/INSERT WHERE', () => {
    const data = `INSERT DATA { ${Array.from({ length: 50 }, (_, i) => `<http://ex.org/s${i}> <http://ex.org/p> ${i} .`).join(' ')} }`;
    expect(measureShape(parse(data)).triples).toBe(0);
    expect(measureShape(parse('DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o . ?o ?q ?r }')).triples).toBe(4);
  });

  it('walks a tree deeper than the JavaScript stack (limits raised) without overflowing', () => {
    // A chain of alternating operators: every level nests.
    const chain = `SELECT * { ?s ?p ?o FILTER(?o ${Array.from({ length: 20_000 }, (_, i) => `${i % 2 ? '+' : '-'} ${i}`).join(' ')} > 0) }`;
    const shape = measureShape(parse(chain));
    expect(shape.depth).toBeGreaterThan(19_000);
  });
});

describe('fuzzing query shapes (seeded)', () => {
  const builders: [string, (n: number) => string, keyof QueryLimits, number][] = [
    ['nested groups', nestedGroups, 'maxQueryDepth', 40],
    ['unions', (n) => manyUnions(n, true), 'maxUnionBranches', 30],
    ['ors', manyOrs, 'maxExpressionNodes', 30],
    ['values', manyValues, 'maxValuesRows', 30],
    ['triples', manyTriples, 'maxTriplePatterns', 30],
  ];
  // Small limits keep the fuzzed texts small (parsing is the slow part); the boundaries are the same code.
  const limits: QueryLimits = {
    ...DEFAULT_QUERY_LIMITS,
    maxQueryDepth: 40,
    maxUnionBranches: 30,
    maxExpressionNodes: 59,
    maxValuesRows: 30,
    maxTriplePatterns: 30,
  };

  it('refuses exactly the shapes over a limit, naming that limit; hiding brackets in strings, IRIs and comments changes nothing', () => {
    const rand = prng(11);
    const noise = ['"{{{(("', "'[[['", '<http://ex.org/(([[>', '# }}}{{{(\n', '"""\n{{{ """'];
    for (let i = 0; i < 200; i++) {
      const [name, build, limit, max] = builders[Math.floor(rand() * builders.length)] as (typeof builders)[number];
      const n = Math.max(1, Math.round(max * (0.5 + rand())));
      let text = build(n);
      // Insert noise after the first '{' (inside the outermost group, where a literal or comment may stand).
      const junk = noise[Math.floor(rand() * noise.length)] as string;
      const at = text.indexOf('{') + 1;
      text = `${text.slice(0, at)} ${junk.startsWith('#') ? junk : `BIND(${junk.startsWith('<') ? junk : `${junk}`} AS ?junk${i})`} ${text.slice(at)}`;
      const over = name === 'ors' ? 2 * n - 1 > max * 2 - 1 : n > max;
      const v = verdict(text, limits);
      if (over) expect(v, `${name} ${n}: ${text.slice(0, 80)}`).toBe(name === 'nested groups' ? 'maxQueryDepth' : limit);
      else expect(v, `${name} ${n}`).toBe('accepted');
    }
  });

  it('random bracket, quote and byte mutations never make the checks throw anything but QUERY_TOO_COMPLEX or a parse error', () => {
    const rand = prng(29);
    const alphabet = ['{', '}', '(', ')', '[', ']', '"', "'", '<', '>', '#', '\n', '\\', ' ', 'UNION', 'VALUES', '||'];
    const base = 'SELECT * WHERE { ?s ?p ?o . OPTIONAL { ?s <http://ex.org/p> "x" } FILTER(?o = 1 || ?o = 2) VALUES ?s { <http://ex.org/a> } }';
    for (let i = 0; i < 500; i++) {
      let text = base;
      for (let m = 1 + Math.floor(rand() * 8); m > 0; m--) {
        const at = Math.floor(rand() * text.length);
        const piece = (alphabet[Math.floor(rand() * alphabet.length)] as string).repeat(1 + Math.floor(rand() * 300));
        text = rand() < 0.7 ? text.slice(0, at) + piece + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 20));
      }
      try {
        prescanQuery(text, 'sparql', DEFAULT_QUERY_LIMITS);
      } catch (e) {
        expect((e as LibkgError).code).toBe('QUERY_TOO_COMPLEX');
        continue;
      }
      let parsed: sparqljs.SparqlQuery;
      try {
        parsed = parse(text);
      } catch {
        continue; // a syntax error: the store reports it
      }
      try {
        checkQueryShape(parsed, DEFAULT_QUERY_LIMITS);
      } catch (e) {
        expect((e as LibkgError).code).toBe('QUERY_TOO_COMPLEX');
      }
    }
  });
});

describe('the limits as settings', () => {
  it('are read from LIBKG_* variables, default otherwise, and refuse what is not a whole number', () => {
    const c = resolveConfig(configFromEnv({ LIBKG_MAX_QUERY_DEPTH: '50', LIBKG_MAX_GRAPHQL_FIELDS: '20' }));
    expect(c).toMatchObject({ maxQueryDepth: 50, maxGraphqlFields: 20, maxTriplePatterns: DEFAULT_QUERY_LIMITS.maxTriplePatterns });
    expect(() => resolveConfig(configFromEnv({ LIBKG_MAX_UNION_BRANCHES: 'lots' }))).toThrow(/LIBKG_MAX_UNION_BRANCHES must be a whole number/);
    expect(() => resolveConfig(configFromEnv({ LIBKG_MAX_VALUES_ROWS: '0' }))).toThrow(/LIBKG_MAX_VALUES_ROWS must be between 1/);
  });
});
