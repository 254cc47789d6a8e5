/**
 * Issue 16: what mappings/marc21.yaml used to drop, checked triple by triple against the MARC
 * fields quoted in each test (classification, series, linking entries, serial data, 028, 043,
 * embedded holdings). Records are read by the real readers from fixtures/.
 */
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { MappingEngine } from '../../../src/ingest/mapping/engine.js';
import { iso2709Reader } from '../../../src/ingest/readers/marc-iso2709.js';
import { marcxmlReader } from '../../../src/ingest/readers/marcxml.js';
import type { MappedRecord, SourceRecord } from '../../../src/ingest/types.js';
import { ShaclRecordValidator } from '../../../src/ingest/validate.js';
import { CATALOG, readFile } from '../readers/marc-read-helpers.js';
import { FIXTURES } from './marc-fixtures.js';

const BASE = 'http://lib.example/';
const NS = {
  dct: 'http://purl.org/dc/terms/',
  bibo: 'http://purl.org/ontology/bibo/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  bf: 'http://id.loc.gov/ontologies/bibframe/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  libkg: 'https://w3id.org/libkg/ontology#',
};
const p = (curie: string) => {
  const [prefix, local] = curie.split(':') as [keyof typeof NS, string];
  return NS[prefix] + local;
};
const show = (t: RDF.Term) => (t.termType === 'NamedNode' ? t.value.replace(BASE, '') : t.value);

/** Objects of (s, p) in a mapped record, IRIs relative to BASE, sorted. */
const objects = (r: MappedRecord, s: string, curie: string) =>
  r.quads
    .filter((q) => q.subject.value === BASE + s && q.predicate.value === p(curie))
    .map((q) => show(q.object))
    .sort();

/** Every triple about `s` as "predicate object" lines (the whole description, to catch extra triples). */
const describe_ = (r: MappedRecord, s: string) =>
  r.quads
    .filter((q) => q.subject.value === BASE + s)
    .map((q) => `${show(q.predicate).replace(/^.*[#/]/, '')} ${show(q.object)}`)
    .sort();

describe('mappings/marc21.yaml: the fields issue 16 found dropped', () => {
  let engine: MappingEngine;
  let validator: ShaclRecordValidator;
  const records = new Map<string, SourceRecord[]>();
  const map = (file: string, id: string): MappedRecord => {
    const rec = records.get(file)?.find((r) => r.id === id);
    if (!rec) throw new Error(`no record ${id} in ${file}`);
    return engine.map(rec, { baseIri: BASE, fileName: file });
  };

  beforeAll(async () => {
    engine = MappingEngine.fromDirectory();
    validator = new ShaclRecordValidator();
    for (const [file, reader, dir] of [
      ['traject-test_data.utf8.mrc', iso2709Reader, FIXTURES],
      ['marc4j-pride-and-prejudice-marc21.mrc', iso2709Reader, CATALOG],
      ['marc4j-cyrillic_capital_e.mrc', iso2709Reader, CATALOG],
      ['marc2bibframe2-gwu-subset.xml', marcxmlReader, CATALOG],
      ['marc2bibframe2-nlm-subset.xml', marcxmlReader, CATALOG],
      ['marc2bibframe2-british_library-subset.xml', marcxmlReader, CATALOG],
    ] as const) {
      records.set(file, (await readFile(reader, join(dir, file))).records);
    }
  });

  it('LCC (050) and DDC (082) numbers are concepts of their scheme, the work dct:subject of them (traject 2007020969)', async () => {
    // 050 00 $aE99.D2$bH437 2008 ; 082 00 $a974.004/97345$aB$222 (the first $a; / is a segmentation mark)
    const r = map('traject-test_data.utf8.mrc', '2007020969');
    const work = 'id/work/dlc-2007020969';
    expect(objects(r, work, 'dct:subject')).toEqual(expect.arrayContaining(['id/concept/lcc-e99-d2', 'id/concept/ddc-974-00497345']));
    expect(describe_(r, 'id/concept/lcc-e99-d2')).toEqual([`inScheme id/scheme/lcc`, 'notation E99.D2', 'prefLabel E99.D2', `type ${NS.skos}Concept`]);
    expect(describe_(r, 'id/concept/ddc-974-00497345')).toEqual([
      `inScheme id/scheme/ddc`,
      'notation 974.00497345',
      'prefLabel 974.00497345',
      `type ${NS.skos}Concept`,
    ]);
    // 043 $an-us-nj
    expect(objects(r, work, 'dct:spatial')).toEqual(['http://id.loc.gov/vocabulary/geographicAreas/n-us-nj']);
    expect(await validator.validate(r)).toEqual([]);
  });

  it('NLM (060) numbers, serial frequency (310/321), numbering (362), preceding/succeeding titles (780/785) (NLM 117811)', async () => {
    const r = map('marc2bibframe2-nlm-subset.xml', '117811');
    const work = 'id/work/local-117811';
    // 060 00 $aW1$bAC752 ; 060 10 $aFilm S04123
    expect(objects(r, 'id/concept/nlm-w1', 'skos:inScheme')).toEqual(['id/scheme/nlm']);
    expect(objects(r, work, 'dct:subject')).toEqual(expect.arrayContaining(['id/concept/nlm-w1', 'id/concept/nlm-film-s04123']));
    // 310 $aMonthly$b<1997-> ; 321 $aEight no. a year ; 362 0 $av. 1-        1945/46- ; 362 1 $aCeased with: Vol. 163, no. 4 (1998).
    expect(objects(r, work, 'libkg:frequency')).toEqual(['Monthly <1997->']);
    expect(objects(r, work, 'libkg:formerFrequency')).toEqual(['Eight no. a year']);
    expect(objects(r, work, 'libkg:numbering')).toEqual(['Ceased with: Vol. 163, no. 4 (1998)', 'v. 1-        1945/46-']);
    // 780 00 $tBio-morphosis$w(OCoLC)1777911 (no ISSN: named by its first $w)
    expect(objects(r, work, 'bf:precededBy')).toEqual(['id/work/ocolc-1777911']);
    // 785 00 $tCells tissues organs$x1422-6405$w(DLC)sn 99023031$w(OCoLC)41281292 (named by its ISSN)
    expect(objects(r, work, 'bf:succeededBy')).toEqual(['id/work/issn-1422-6405']);
    expect(describe_(r, 'id/work/issn-1422-6405')).toEqual([
      'identifier (DLC)sn 99023031',
      'identifier (OCoLC)41281292',
      'issn 1422-6405',
      'title Cells tissues organs',
      `type ${NS.bibo}Document`,
    ]);
    expect(await validator.validate(r)).toEqual([]);
  });

  it('776 and 780 by their ISSN, else a part of the work; 787; 084 with $2 (British Library)', async () => {
    const r = map('marc2bibframe2-british_library-subset.xml', '012100432');
    const work = 'id/work/uk-012100432';
    // 776 1_ $tChemistry and industry (Online)$x2047-6329
    expect(objects(r, work, 'bf:otherPhysicalFormat')).toEqual(['id/work/issn-2047-6329']);
    // 780 00 $tChemistry and industry review (no $x, no $w): a part of this work; 780 05 $s In the loop $x1748-0655
    expect(objects(r, work, 'bf:precededBy')).toEqual(['id/work/issn-1748-0655', `${work}#related-2`]);
    expect(objects(r, `${work}#related-2`, 'dct:title')).toEqual(['Chemistry and industry review']);
    expect(objects(r, 'id/work/issn-1748-0655', 'dct:title')).toEqual(['In the loop']);
    // 321 $aSemimonthly,$b1970-2011 ; 321 $aWeekly,$b1932-1969
    expect(objects(r, work, 'libkg:formerFrequency')).toEqual(['Semimonthly, 1970-2011', 'Weekly, 1932-1969']);

    const yearbook = map('marc2bibframe2-british_library-subset.xml', '012092318');
    // 787 0_ $tWater Services year book$x0140-1742 ; 084 $aSL 40$2blsrissc
    expect(objects(yearbook, 'id/work/uk-012092318', 'dct:relation')).toEqual(['id/work/issn-0140-1742']);
    expect(describe_(yearbook, 'id/concept/blsrissc-sl-40')).toEqual([
      'inScheme id/scheme/blsrissc',
      'notation SL 40',
      'prefLabel SL 40',
      `type ${NS.skos}Concept`,
    ]);
    expect(await validator.validate(r)).toEqual([]);
    expect(await validator.validate(yearbook)).toEqual([]);
  });

  it('773 host item by $w, with 028 publisher number and 852 items (GWU 7704213)', async () => {
    const r = map('marc2bibframe2-gwu-subset.xml', '7704213');
    const work = 'id/work/local-7704213';
    // 773 0_ $tClassical music library.$dAlexandria, VA : Alexander Street Press, [2000]$w(OCoLC)54104355
    expect(objects(r, work, 'dct:isPartOf')).toEqual(['id/work/ocolc-54104355']);
    expect(objects(r, 'id/work/ocolc-54104355', 'dct:title')).toEqual(['Classical music library']);
    // 028 02 $a3413$bCRD
    expect(objects(r, work, 'libkg:publisherNumber')).toEqual(['3413']);
    expect(await validator.validate(r)).toEqual([]);
  });

  it('440 and 800 series, 776 named by its ISBN, 852 items with library, location, call number and barcode (Pride and Prejudice)', async () => {
    // 440 _0 $aPenguin readers.$nLevel 3
    const oxford = map('marc4j-pride-and-prejudice-marc21.mrc', 'UkOxUb13713246');
    const work = 'id/work/ukoxu-UkOxUb13713246';
    expect(objects(oxford, work, 'dct:isPartOf')).toEqual(['id/series/penguin-readers']);
    // 852 __ $aUkOxU$bBodleian$bBOD Offsite$hX00.G00428$711459565$m(Box B000000132964)$pN12081733$yIn place$5N12081733
    expect(describe_(oxford, `${work}#item-1`)).toEqual([
      'callNumber X00.G00428 (Box B000000132964)',
      'heldBy http://id.loc.gov/vocabulary/organizations/ukoxu',
      'identifier N12081733',
      `itemOf ${work}`,
      'physicalLocation Bodleian, BOD Offsite',
      `type ${NS.bf}Item`,
    ]);
    expect(oxford.quads.filter((q) => q.object.value === `${NS.bf}Item`)).toHaveLength(4);
    expect(await validator.validate(oxford)).toEqual([]);

    // 800 1_ $aAusten, Jane,$d1775-1817.$tWorks.$f2005. (the title part alone would merge every author's "Works")
    const cambridge = map('marc4j-pride-and-prejudice-marc21.mrc', 'BJY-5510');
    const series = 'id/series/austen-jane-1775-1817-works';
    expect(objects(cambridge, 'id/work/local-BJY-5510', 'dct:isPartOf')).toContain(series);
    expect(objects(cambridge, series, 'dct:title')).toEqual(['Works']);
    expect(objects(cambridge, series, 'rdfs:label')).toEqual(['Austen, Jane, 1775-1817. Works']);

    // 776 1_ $cOriginal$z0192833553$w(DLC) 90035222: the print edition, by the ISBN usage reports use
    const ebook = map('marc4j-pride-and-prejudice-marc21.mrc', '004284915');
    expect(objects(ebook, 'id/work/local-004284915', 'bf:otherPhysicalFormat')).toEqual(['id/work/isbn-0192833553']);
    expect(describe_(ebook, 'id/work/isbn-0192833553')).toEqual(['identifier (DLC) 90035222', 'isbn10 0192833553']);
    // 773 0_ $tMichigan netLibrary ebook collection.$nURL: … (no $x/$z/$w): a part of the work
    expect(objects(ebook, 'id/work/local-004284915#related-1', 'dct:title')).toEqual(['Michigan netLibrary ebook collection']);
  });

  it('holdings statements (866) of a bibliographic record go on its work (McGill 000194998)', () => {
    const r = map('marc4j-pride-and-prejudice-marc21.mrc', '000194998');
    // 866 31 $b…$av.1-6 ; $av.1,4-5 ; $av.1, 4 ; $av. 1-5
    expect(objects(r, 'id/work/local-000194998', 'libkg:holdingsStatement')).toEqual(['v. 1-5', 'v.1, 4', 'v.1,4-5', 'v.1-6']);
  });

  it('maps every record of the fixtures to a graph that conforms to shapes/', async () => {
    let n = 0;
    for (const [file, recs] of records)
      for (const rec of recs) {
        const r = engine.map(rec, { baseIri: BASE, fileName: file });
        expect(await validator.validate(r), `${file} ${rec.id}`).toEqual([]);
        n++;
      }
    expect(n).toBe(30 + 366 + 2 + 12 + 1 + 2);
  });
});
