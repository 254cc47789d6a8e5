import { describe, expect, it } from 'vitest';
import { plan, type Statistics } from '../../../src/store/analytical/planner.js';
import { toSql } from '../../../src/store/analytical/translate.js';

/** A store of 1 M quads: rdf:type 200k over 10 classes, creator 300k, title 200k (all distinct), name 50k. */
const COUNTS: Record<string, [number, number]> = {
  '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>': [200_000, 10],
  '<http://ex/creator>': [300_000, 50_000],
  '<http://ex/title>': [200_000, 200_000],
  '<http://ex/name>': [50_000, 50_000],
  '<http://ex/tiny>': [50, 50],
};
const STATS: Statistics = {
  predicateQuads: (nt) => COUNTS[nt]?.[0] ?? 0,
  predicateObjects: (nt) => COUNTS[nt]?.[1] ?? 1,
  totalQuads: 1_000_000,
};
const chooses = (q: string) => plan(toSql(q, () => 1).algebra, STATS, 20_000);

describe('the analytical planner', () => {
  it('sends grouping, DISTINCT counts and unLIMITed joins over large predicates to DuckDB', () => {
    expect(chooses('SELECT ?p (COUNT(?w) AS ?n) WHERE { ?w <http://ex/creator> ?p } GROUP BY ?p')).toMatchObject({ analytical: true });
    expect(chooses('SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?a <http://ex/creator> ?p . ?a <http://ex/creator> ?c }')).toMatchObject({ analytical: true });
    expect(chooses('SELECT ?w ?n WHERE { ?w <http://ex/creator> ?p . ?p <http://ex/name> ?n }')).toMatchObject({ analytical: true });
  });

  it('leaves lookups, selective stars, small predicates and LIMITed joins to Oxigraph', () => {
    expect(chooses('SELECT ?p ?o WHERE { <http://ex/w1> ?p ?o }')).toMatchObject({ analytical: false });
    expect(chooses('SELECT ?w ?p WHERE { ?w <http://ex/title> "One title" ; <http://ex/creator> ?p }').reason).toMatch(/selective/);
    expect(chooses('SELECT (COUNT(*) AS ?n) WHERE { ?w <http://ex/tiny> ?x }').reason).toMatch(/no pattern reads/);
    expect(chooses('SELECT ?w ?n WHERE { ?w <http://ex/creator> ?p . ?p <http://ex/name> ?n } LIMIT 10').reason).toMatch(/LIMIT/);
  });

  it('counts a class pattern by its share of rdf:type, not as selective', () => {
    expect(chooses('SELECT ?w ?t WHERE { ?w a <http://ex/Article> ; <http://ex/title> ?t }')).toMatchObject({ analytical: true });
  });
});
