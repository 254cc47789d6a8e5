/**
 * Graph evidence supplied by selection (src/links/evidence.ts): an `evidence:` comparison with no
 * value of its name reads the entity's neighbours from the store (co-authors through shared works,
 * the works themselves), and a person is never counted as their own co-author.
 */
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLinkSpec } from '../../src/links/run.js';
import { parseLinkSpec } from '../../src/links/spec/parse.js';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { namedNode, literal, quad } = N3.DataFactory;
const SPEC = `id: evidence-test
source: { class: foaf:Person, graph: "{base}graph/test/left/" }
target: { class: foaf:Person, graph: "{base}graph/test/right/" }
values:
  name: { path: foaf:name, transforms: [lowercase, strip-punctuation] }
blocking:
  - { value: name, method: tokens }
compare:
  - { value: name, using: jaro-winkler, weight: 3 }
  - { evidence: shared-coauthors, weight: 1 }
  - { evidence: shared-works, weight: 1 }
accept: 0.5
`;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  const id = (local: string) => namedNode(`${s.config.baseIri}id/${local}`);
  const person = (side: string, p: string, name: string, works: string[]) => ({
    graph: `${s.config.baseIri}graph/test/${side}/${p}`,
    quads: [
      quad(id(p), namedNode(NS.rdf('type')), namedNode(NS.foaf('Person'))),
      quad(id(p), namedNode(NS.foaf('name')), literal(name)),
      // Each work names its creators: this person and the shared co-author "cy".
      ...works.flatMap((w) => [quad(id(w), namedNode(NS.dct('creator')), id(p)), quad(id(w), namedNode(NS.dct('creator')), id('cy'))]),
    ],
  });
  await s.store.putGraphs([person('left', 'ann', 'Ann Lee', ['w1']), person('right', 'alee', 'A. Lee', ['w2']), person('right', 'bo', 'Bo Lee', [])]);
}, 60_000);
afterAll(() => s.close());

describe('graph evidence from the store', () => {
  it('scores shared co-authors by overlap without the person themself; works not shared score 0', async () => {
    const spec = parseLinkSpec(SPEC, 'evidence-test.yaml');
    const r = await runLinkSpec(s.store, spec, { baseIri: s.config.baseIri, write: false });
    const pair = (t: string) => r.result.pairs.find((p) => p.target === `${s.config.baseIri}id/${t}`);
    // Ann's co-authors {cy} and A. Lee's {cy}: 1 (0.5 if each counted themself).
    expect(pair('alee')?.evidence).toMatchObject({ 'shared-coauthors': 1, 'shared-works': 0 });
    // Bo Lee has no works: both evidence comparisons are left out, not scored 0.
    const bo = pair('bo');
    expect(bo).toBeDefined();
    expect(Object.keys(bo?.evidence ?? {})).toEqual(['name.jaro-winkler']);
  }, 60_000);
});
