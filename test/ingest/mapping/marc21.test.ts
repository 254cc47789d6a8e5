import type * as RDF from '@rdfjs/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { MappingEngine } from '../../../src/ingest/mapping/engine.js';
import type { MappedRecord } from '../../../src/ingest/types.js';
import { quadToLine } from '../../../src/rdf/nquads.js';
import { readMarcFile } from './marc-fixtures.js';

const BASE = 'http://lib.example/';
const ctx = { baseIri: BASE, fileName: 'traject-test_data.utf8.mrc' };
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const BIBO = 'http://purl.org/ontology/bibo/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const BF = 'http://id.loc.gov/ontologies/bibframe/';

const show = (t: RDF.Term) => (t.termType === 'Literal' && t.language ? `${t.value}@${t.language}` : t.value);
const objects = (r: MappedRecord, s: string, p: string) =>
  r.quads
    .filter((q) => q.subject.value === s && q.predicate.value === p)
    .map((q) => show(q.object))
    .sort();

describe('mappings/marc21.yaml on real LC records (fixtures/marc-mapping)', () => {
  let engine: MappingEngine;
  const traject = readMarcFile('traject-test_data.utf8.mrc');
  const chabon = readMarcFile('marc4j-chabon.mrc');
  beforeAll(() => {
    engine = MappingEngine.fromDirectory();
  });
  const byId = (id: string) => traject.find((r) => r.id === id) as NonNullable<(typeof traject)[number]>;

  it('maps a plain English record: title, ISBN, creator, subjects (marc4j-chabon.mrc record 1)', () => {
    const r = engine.map(chabon[0] as NonNullable<(typeof chabon)[0]>, ctx);
    const work = `${BASE}id/work/local-11939876`; // no 003 in this record
    expect(r.graph).toBe(`${BASE}graph/catalog/local-11939876`);
    expect(objects(r, work, `${DCT}title`)).toEqual(['The amazing adventures of Kavalier and Clay : a novel']);
    expect(objects(r, work, `${BF}subtitle`)).toEqual(['a novel']);
    expect(objects(r, work, `${BIBO}isbn10`)).toEqual(['0679450041']); // 020 $a0679450041 (acid-free paper)
    const chabonIri = `${BASE}id/person/name-chabon-michael`;
    expect(objects(r, work, `${DCT}creator`)).toEqual([chabonIri]);
    expect(objects(r, chabonIri, `${FOAF}name`)).toEqual(['Chabon, Michael']);
    const subject = `${BASE}id/concept/lcsh-comic-books-strips-etc-authorship-fiction`;
    expect(objects(r, work, `${DCT}subject`)).toContain(subject);
    expect(objects(r, subject, `${SKOS}prefLabel`)).toEqual(['Comic books, strips, etc. -- Authorship -- Fiction']); // 650 _0 $a $x $v
    expect(objects(r, subject, `${SKOS}inScheme`)).toEqual([`${BASE}id/scheme/lcsh`]);
    expect(objects(r, work, `${DCT}issued`)).toEqual(['2000']);
  });

  it('keeps the Japanese 880 title, name and publisher as ja-Jpan literals (record 00314247)', () => {
    const r = engine.map(byId('00314247'), ctx);
    const work = `${BASE}id/work/dlc-00314247`;
    expect(objects(r, work, `${DCT}title`)).toEqual(['Kubo Sakae "Kazanbaichi" o yomu', '久保栄 「火山灰地」 を読む@ja-jpan']);
    const person = `${BASE}id/person/name-yoshida-hajime-1934`;
    expect(objects(r, person, `${FOAF}name`)).toEqual(['Yoshida, Hajime', '吉田一@ja-jpan']);
    const publisher = `${BASE}id/org/name-hosei-daigaku-shuppankyoku`;
    expect(objects(r, work, `${DCT}publisher`)).toEqual([publisher]);
    expect(objects(r, publisher, `${FOAF}name`)).toEqual(['Hōsei Daigaku Shuppankyoku', '法政大学出版局@ja-jpan']);
    expect(objects(r, work, `${DCT}language`)).toEqual(['http://id.loc.gov/vocabulary/languages/jpn']);
  });

  it('tags Hebrew 880 parallels he-Hebr and drops the bidi marks (record 86207417)', () => {
    const r = engine.map(byId('86207417'), ctx);
    const work = `${BASE}id/work/dlc-86207417`;
    expect(objects(r, work, `${BF}mainTitle`)).toEqual(['Shodede-yam Yehudiyim', 'שודדי־ים יהודיים@he-hebr']);
    expect(objects(r, work, `${BIBO}isbn10`)).toEqual(['9650101373']);
    expect(objects(r, `${BASE}id/person/name-finkel-chaim-jacob`, `${FOAF}name`)).toEqual(['Finkel, Chaim Jacob', 'פינקל, חיים יעקב@he-hebr']);
    expect(objects(r, work, `${DCT}language`)).toEqual(['http://id.loc.gov/vocabulary/languages/eng', 'http://id.loc.gov/vocabulary/languages/heb']);
  });

  it('tags Persian (Arabic script) and Korean 880 parallels from 008/35-37 and the $6 script code', () => {
    const persian = engine.map(byId('00313831'), ctx); // 008/35-37 per, 880 $6 245-02/(3/r
    expect(objects(persian, `${BASE}id/work/dlc-00313831`, `${BF}mainTitle`)).toEqual(['Naqdī barā-yi tamām-i fuṣūl', 'نقدى براى تمام فصول@fa-arab']);
    const korean = engine.map(byId('94120425'), ctx); // 008/35-37 kor, 880 $6 250-03/$1
    expect(objects(korean, `${BASE}id/work/dlc-94120425`, `${BIBO}edition`)).toEqual(['Chʻopʻan', '초판@ko-kore']);
  });

  it('maps every fixture record, and mapping a record twice gives identical quads', () => {
    for (const rec of [...traject, ...chabon]) {
      const a = engine.map(rec, ctx);
      const b = engine.map(rec, ctx);
      expect(a.quads.map(quadToLine)).toEqual(b.quads.map(quadToLine));
      expect(a.quads.length).toBeGreaterThan(10);
    }
  });
});
