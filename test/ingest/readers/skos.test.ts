import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import type { RdfChunk } from '../../../src/ingest/readers/rdf.js';
import { conceptKey, schemeSlug, skosReader } from '../../../src/ingest/readers/skos.js';
import type { ReadItem } from '../../../src/ingest/types.js';
import { NS } from '../../../src/vocab.js';

const dir = join(import.meta.dirname, '../../../fixtures/subjects');
const base = 'http://localhost:8080/';
const STW = 'stw-8.12-subset-v16.ttl';
const UAT = 'uat-5.1.0-subset-104.rdf';

async function read(input: Readable, fileName: string): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const i of skosReader.read(input, { fileName, baseIri: base })) out.push(i);
  return out;
}
const chunks = (items: ReadItem[]) => items.flatMap((i) => ('record' in i ? [{ id: i.record.id, kind: i.record.kind, ...(i.record.data as RdfChunk) }] : []));
const objects = (quads: RDF.Quad[], s: string, p: string) =>
  quads
    .filter((q) => q.subject.value === s && q.predicate.value === p)
    .map((q) => (q.object.termType === 'Literal' && q.object.language ? `${q.object.value}@${q.object.language}` : q.object.value))
    .sort();

describe('SKOS reader', () => {
  it('claims thesaurus files by content or by a subjects/ folder, not other RDF', () => {
    expect(skosReader.detect(STW, readFileSync(join(dir, STW)).subarray(0, 4096))).toBe(true);
    expect(skosReader.detect(UAT, readFileSync(join(dir, UAT)).subarray(0, 4096))).toBe(true);
    // A file under a subjects/ folder is a thesaurus whatever its head says.
    expect(skosReader.detect('data/subjects/x.rdf', Buffer.from('<rdf:RDF xmlns:skos="http://www.w3.org/2004/02/skos/core#">'))).toBe(true);
    // The full UAT file opens with dcterms:created blocks: its SKOS-XL namespace tells (head copied from uat-5.1.0.rdf).
    const uat = readFileSync(join(dir, UAT), 'utf8');
    const uatHead = uat.slice(0, uat.indexOf('<rdf:Description'));
    expect(skosReader.detect('uat-5.1.0.rdf', Buffer.from(uatHead))).toBe(true);
    const dcat = '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<x> a dcat:Dataset .';
    expect(skosReader.detect('catalog.ttl', Buffer.from(dcat))).toBe(false);
    expect(skosReader.detect('thesaurus.json', Buffer.from('{"skos:Concept": 1}'))).toBe(false);
  });

  it('keys schemes and concepts from their own IRIs', () => {
    expect(schemeSlug('http://zbw.eu/stw')).toBe('stw');
    expect(schemeSlug('http://astrothesaurus.org/uat/1')).toBe('uat');
    expect(conceptKey('http://zbw.eu/stw/descriptor/19406-5', 'http://zbw.eu/stw')).toBe('descriptor/19406-5');
    expect(conceptKey('http://astrothesaurus.org/uat/1132', 'http://astrothesaurus.org/uat/1')).toBe('1132');
    expect(conceptKey('http://example.org/other/c1', 'http://zbw.eu/stw')).toBe('example.org/other/c1');
  });

  it('imports the STW subset as one scheme graph plus one graph per concept, keeping the STW IRIs', async () => {
    const items = await read(createReadStream(join(dir, STW)), STW);
    expect(items.every((i) => 'record' in i)).toBe(true);
    const cs = chunks(items);
    expect(cs).toHaveLength(215);
    expect(new Set(cs.map((c) => c.graph)).size).toBe(215);
    expect(cs.every((c) => c.kind === 'rdf' && !c.append)).toBe(true);
    expect(cs.reduce((n, c) => n + c.quads.length, 0)).toBe(3118);
    expect(cs[0]).toMatchObject({ id: 'http://zbw.eu/stw', graph: `${base}graph/skos/stw/scheme` });
    const v16 = cs.find((c) => c.id === 'http://zbw.eu/stw/thsys/72180');
    expect(v16?.graph).toBe(`${base}graph/skos/stw/thsys/72180`);
    expect(objects(v16?.quads ?? [], 'http://zbw.eu/stw/thsys/72180', NS.skos('notation'))).toEqual(['V.16']);
    expect(objects(v16?.quads ?? [], 'http://zbw.eu/stw/thsys/72180', NS.skos('prefLabel'))).toEqual([
      'V.16  Statistical Methodology and Econometrics@en',
      'V.16  Statistik und Ökonometrie@de',
    ]);
    // A concept's blank nodes (zbwext:useInsteadNote) travel in its graph.
    const production = cs.find((c) => c.id === 'http://zbw.eu/stw/descriptor/15105-4');
    expect(production?.quads.some((q) => q.subject.termType === 'BlankNode')).toBe(true);
    expect(objects(production?.quads ?? [], 'http://zbw.eu/stw/descriptor/15105-4', NS.skos('prefLabel'))).toEqual([
      'Production statistics@en',
      'Produktionsstatistik@de',
    ]);
  });

  it('labels blank nodes the same way on every read, so an unchanged thesaurus re-imports as a no-op', async () => {
    const graphOf = async () => {
      const cs = chunks(await read(createReadStream(join(dir, STW)), STW));
      const production = cs.find((c) => c.id === 'http://zbw.eu/stw/descriptor/15105-4');
      return (production?.quads ?? []).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`).sort();
    };
    const once = await graphOf();
    expect(once.some((l) => l.startsWith('n1 '))).toBe(true);
    expect(await graphOf()).toEqual(once);
  });

  it('imports the UAT subset (RDF/XML, a concept described in several blocks) into one graph per concept', async () => {
    const cs = chunks(await read(createReadStream(join(dir, UAT)), UAT));
    expect(cs).toHaveLength(207);
    expect(cs[0]).toMatchObject({ id: 'http://astrothesaurus.org/uat/1', graph: `${base}graph/skos/uat/scheme` });
    const top = cs.find((c) => c.id === 'http://astrothesaurus.org/uat/104');
    expect(top?.graph).toBe(`${base}graph/skos/uat/104`);
    const predicates = new Set(top?.quads.map((q) => q.predicate.value));
    expect(predicates.has(NS.skos('prefLabel'))).toBe(true);
    expect(predicates.has(NS.dct('modified'))).toBe(true);
    expect(predicates.has(NS.dct('contributor'))).toBe(true);
    expect(objects(top?.quads ?? [], 'http://astrothesaurus.org/uat/104', NS.skos('topConceptOf'))).toEqual(['http://astrothesaurus.org/uat/1']);
  });

  it('rejects a file with a syntax error before yielding any record', async () => {
    const bad = '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> a skos:Concept .\n<b> skos:prefLabel "x .\n';
    const items = await read(Readable.from([bad]), 'bad.ttl');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ failure: { index: 1, reason: expect.stringMatching(/^text\/turtle syntax error/) } });
  });
});
