/** owl:sameAs clusters over a real store: components, the canonical rule, and following the store's writes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalOf } from '../../src/links/clusters/canonical.js';
import { ClusterIndex } from '../../src/links/clusters/cluster-index.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { NS } from '../../src/vocab.js';

const { namedNode, literal, quad } = N3.DataFactory;
const BASE = 'http://example.org/';
const id = (path: string) => `${BASE}id/${path}`;
const sameAs = (a: string, b: string) => quad(namedNode(a), namedNode(NS.owl('sameAs')), namedNode(b));
const named = (s: string, name: string) => quad(namedNode(s), namedNode(NS.foaf('name')), literal(name));

let dir: string;
let store: EmbeddedStore;
let clusters: ClusterIndex;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-clusters-'));
  store = await EmbeddedStore.open({ dataDir: dir, engines: 1, maxResultBytes: 1 << 24, quadBudget: 1_000_000, queryTimeoutMs: 30_000 });
  await store.putGraphs([
    { graph: `${BASE}graph/authority/gnd-1`, quads: [named(id('person/gnd-1'), 'Goethe'), sameAs(id('person/gnd-1'), 'https://d-nb.info/gnd/1')] },
    {
      graph: `${BASE}graph/catalog/a`,
      quads: [named(id('person/name-goethe'), 'Goethe, J. W.'), named(id('person/name-goethe'), 'Goethe'), named(id('person/name-goethe'), 'J. W. Goethe')],
    },
    { graph: `${BASE}graph/catalog/b`, quads: [named(id('person/name-schiller'), 'Schiller')] },
  ]);
  clusters = new ClusterIndex(store, BASE).start();
  expect(await clusters.current(20_000)).toBe(true);
}, 60_000);
afterAll(async () => {
  await clusters.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the canonical rule', () => {
  it('prefers a local IRI, then one minted from an authority identifier, then the most triples, then the smallest IRI', () => {
    expect(
      canonicalOf(
        [
          { iri: 'https://d-nb.info/gnd/1', triples: 50 },
          { iri: id('person/name-x'), triples: 1 },
        ],
        BASE,
      ),
    ).toBe(id('person/name-x'));
    expect(
      canonicalOf(
        [
          { iri: id('person/name-x'), triples: 90 },
          { iri: id('person/orcid-0000'), triples: 1 },
        ],
        BASE,
      ),
    ).toBe(id('person/orcid-0000'));
    expect(
      canonicalOf(
        [
          { iri: id('work/isbn-978'), triples: 2 },
          { iri: id('work/dlc-1'), triples: 30 },
        ],
        BASE,
      ),
    ).toBe(id('work/dlc-1'));
    expect(
      canonicalOf(
        [
          { iri: id('person/name-b'), triples: 3 },
          { iri: id('person/name-a'), triples: 3 },
        ],
        BASE,
      ),
    ).toBe(id('person/name-a'));
  });
});

describe('a ClusterIndex', () => {
  it('builds clusters from the owl:sameAs triples records state', () => {
    const c = clusters.clusterOf('https://d-nb.info/gnd/1');
    expect(c?.canonical).toBe(id('person/gnd-1'));
    expect(c?.members.map((m) => m.iri)).toEqual([id('person/gnd-1'), 'https://d-nb.info/gnd/1']);
    expect(c?.members[0]?.graphs).toEqual([`${BASE}graph/authority/gnd-1`]);
    expect(clusters.clusterOf(id('person/name-goethe'))).toBeUndefined();
    expect(clusters.canonicalOf(id('person/name-goethe'))).toBe(id('person/name-goethe'));
  });

  it('joins clusters when a link graph is written, and splits them again when it goes', async () => {
    const links = `${BASE}graph/links/persons`;
    await store.putGraphs([{ graph: links, quads: [sameAs(id('person/name-goethe'), id('person/gnd-1'))] }]);
    expect(await clusters.current(20_000)).toBe(true);
    const c = clusters.clusterOf(id('person/name-goethe'));
    expect(c?.canonical).toBe(id('person/gnd-1'));
    expect(c?.members.map((m) => m.iri).sort()).toEqual([id('person/gnd-1'), id('person/name-goethe'), 'https://d-nb.info/gnd/1'].sort());
    expect(c?.members.find((m) => m.iri === id('person/name-goethe'))).toMatchObject({ triples: 4, graphs: [`${BASE}graph/catalog/a`, links] });
    expect(c?.edges.find((e) => e.graph === links)).toEqual({ subject: id('person/name-goethe'), object: id('person/gnd-1'), graph: links });
    expect(clusters.clusterOf('https://d-nb.info/gnd/1')).toBe(c);

    await store.deleteGraphs([links]);
    expect(await clusters.current(20_000)).toBe(true);
    expect(clusters.clusterOf(id('person/name-goethe'))).toBeUndefined();
    expect(clusters.count()).toBe(1);
  }, 60_000);

  it('follows a re-import that changes a member: its size and sources are read again', async () => {
    await store.putGraphs([{ graph: `${BASE}graph/catalog/c`, quads: [sameAs(id('person/name-schiller'), id('person/name-schiller-1759'))] }]);
    expect(await clusters.current(20_000)).toBe(true);
    // Both have no authority IRI: the one with more triples wins.
    expect(clusters.canonicalOf(id('person/name-schiller-1759'))).toBe(id('person/name-schiller'));
    await store.putGraphs([
      {
        graph: `${BASE}graph/catalog/c`,
        quads: [sameAs(id('person/name-schiller'), id('person/name-schiller-1759')), named(id('person/name-schiller-1759'), 'S')],
      },
      { graph: `${BASE}graph/catalog/d`, quads: [named(id('person/name-schiller-1759'), 'Schiller, F.'), named(id('person/name-schiller-1759'), 'F. S.')] },
    ]);
    expect(await clusters.current(20_000)).toBe(true);
    expect(clusters.canonicalOf(id('person/name-schiller'))).toBe(id('person/name-schiller-1759'));
    expect(clusters.clusterOf(id('person/name-schiller'))?.members[0]?.graphs.sort()).toEqual([`${BASE}graph/catalog/c`, `${BASE}graph/catalog/d`]);
  }, 60_000);
});
