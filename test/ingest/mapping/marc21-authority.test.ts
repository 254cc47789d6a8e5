import type * as RDF from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { MappingEngine } from '../../../src/ingest/mapping/engine.js';
import type { MappedRecord } from '../../../src/ingest/types.js';
import { quadToLine } from '../../../src/rdf/nquads.js';
import { readMarcFile } from './marc-fixtures.js';

const BASE = 'http://lib.example/';
const ctx = { baseIri: BASE, fileName: 'marc21-rs-DUMP.mrc' };
const FOAF = 'http://xmlns.com/foaf/0.1/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const OWL = 'http://www.w3.org/2002/07/owl#';
const LIBKG = 'https://w3id.org/libkg/ontology#';
const SCHEMA = 'http://schema.org/';
const DCT = 'http://purl.org/dc/terms/';

const show = (t: RDF.Term) => (t.termType === 'Literal' && t.language ? `${t.value}@${t.language}` : t.value);
const objects = (r: MappedRecord, s: string, p: string) =>
  r.quads
    .filter((q) => q.subject.value === s && q.predicate.value === p)
    .map((q) => show(q.object))
    .sort();

describe('mappings/marc21-authority.yaml on GND authority records (fixtures/marc-mapping)', () => {
  const engine = MappingEngine.fromDirectory();
  const dump = readMarcFile('marc21-rs-DUMP.mrc', 'marc21-authority');
  const byId = (id: string) => engine.map(dump.find((r) => r.id === id) as NonNullable<(typeof dump)[0]>, ctx);

  it('mints the person from the GND number, with identifiers from 024/035', () => {
    const r = byId('118540238'); // Goethe
    const goethe = `${BASE}id/person/gnd-118540238`;
    expect(r.graph).toBe(`${BASE}graph/authority/de-101-118540238`);
    expect(objects(r, goethe, `${FOAF}name`)).toEqual(['Goethe, Johann Wolfgang von']);
    expect(objects(r, goethe, `${LIBKG}gnd`)).toEqual(['118540238']);
    expect(objects(r, goethe, `${LIBKG}isni`)).toEqual(['0000000120999104']); // 024 7_ $a0000 0001 2099 9104 $2isni
    expect(objects(r, goethe, `${OWL}sameAs`)).toContain('http://id.loc.gov/authorities/names/n79003362'); // 024 $2lccn
    expect(objects(r, goethe, `${SCHEMA}birthDate`)).toEqual(['1749']);
  });

  it('keeps variant names (4XX) with the script and language GND gives in $9', () => {
    const alt = objects(byId('118540238'), `${BASE}id/person/gnd-118540238`, `${SKOS}altLabel`);
    expect(alt).toContain('Göthe, Johann Wolfgang von'); // 400 1_ $aGöthe, Johann Wolfgang von $d1749-1832
    expect(alt).toContain('Гёте, Йоҳанн Волфганг@uz-cyrl'); // $9U:Cyrl $9L:uzb
    expect(alt).toContain('ゲーテ, ヨハン・ヴォルフガング・フォン@ja-jpan'); // $9U:Jpan
    expect(alt).toContain('歌德@zh-hans'); // $9U:Hans
    expect(alt).toContain('גתה, יוהן וולפגנג פון@he-hebr'); // $9U:Hebr
  });

  it('turns 510 affiliations into organisations (Schiller, 118607626)', () => {
    const r = byId('118607626');
    const schiller = `${BASE}id/person/gnd-118607626`;
    const theatre = `${BASE}id/org/gnd-2060690-4`;
    expect(objects(r, schiller, `${SCHEMA}affiliation`)).toEqual([theatre, `${BASE}id/org/gnd-6018412-7`]);
    expect(objects(r, theatre, `${FOAF}name`)).toEqual(['Grossherzogliches Hof- und Nationaltheater Mannheim']);
  });

  it('maps a name-title authority to a work, not a person (Werther, 040992020)', () => {
    const r = byId('040992020');
    const work = `${BASE}id/work/gnd-4099202-0`;
    expect(objects(r, work, `${DCT}title`)).toEqual(['Die Leiden des jungen Werthers']);
    expect(objects(r, work, `${DCT}creator`)).toEqual([`${BASE}id/person/name-goethe-johann-wolfgang-von-1749-1832`]);
    expect(r.quads.some((q) => q.subject.value === `${BASE}id/person/gnd-4099202-0`)).toBe(false);
  });

  it('gives identical quads when a record is mapped twice', () => {
    for (const rec of [...dump, ...readMarcFile('marc21-rs-ada.mrc', 'marc21-authority')]) {
      expect(engine.map(rec, ctx).quads.map(quadToLine)).toEqual(engine.map(rec, ctx).quads.map(quadToLine));
    }
  });
});
