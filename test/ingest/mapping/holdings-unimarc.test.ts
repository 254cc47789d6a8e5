/**
 * Issue 16: MARC 21 holdings records (mappings/marc21-holdings.yaml) and UNIMARC records
 * (mappings/unimarc.yaml), rejected before, are imported: hand-checked triples from the
 * fixtures, then a real import into a store where each item meets the work it holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingEngine } from '../../../src/ingest/mapping/engine.js';
import { importPaths } from '../../../src/ingest/pipeline.js';
import { iso2709Reader } from '../../../src/ingest/readers/marc-iso2709.js';
import { marcxmlReader } from '../../../src/ingest/readers/marcxml.js';
import { createIngest } from '../../../src/ingest/setup.js';
import type { MappedRecord, SourceRecord } from '../../../src/ingest/types.js';
import { ShaclRecordValidator } from '../../../src/ingest/validate.js';
import { EmbeddedStore } from '../../../src/store/embedded.js';
import { NS } from '../../../src/vocab.js';
import { CATALOG, readFile } from '../readers/marc-read-helpers.js';

const BASE = 'http://lib.example/';
const SAMPLE = join(CATALOG, 'marc4j-sample1a.xml');
const UNIMARC = join(CATALOG, 'unimarc/marc4j-pride-and-prejudice-unimarc.mrc');
const show = (t: RDF.Term) => (t.termType === 'NamedNode' ? t.value.replace(BASE, '') : t.value);
/** Every triple about `s` as "predicate object" lines, IRIs relative to BASE. */
const about = (r: MappedRecord, s: string) =>
  r.quads
    .filter((q) => q.subject.value === BASE + s)
    .map((q) => `${q.predicate.value.replace(/^.*[#/]/, '')} ${show(q.object)}`)
    .sort();

describe('MARC 21 holdings and UNIMARC records', () => {
  let engine: MappingEngine;
  let validator: ShaclRecordValidator;
  let holdings: SourceRecord[];
  let unimarc: SourceRecord[];
  const map = (recs: SourceRecord[], id: string) => engine.map(recs.find((r) => r.id === id) as SourceRecord, { baseIri: BASE, fileName: 'f' });

  beforeAll(async () => {
    engine = MappingEngine.fromDirectory();
    validator = new ShaclRecordValidator();
    holdings = (await readFile(marcxmlReader, SAMPLE)).records.filter((r) => r.kind === 'holdings');
    unimarc = (await readFile(iso2709Reader, UNIMARC)).records;
  });

  it('a holdings record is an item of the work its 004 names, with location, call number and statement (377337)', async () => {
    // 001 377337 ; 003 NBYDB ; 004 370636 ; 852 0_ $bref$kRef$hBV173$i.N8614 1992$t1 ; 866 _0 $80$av.1-v.2
    const r = map(holdings, '377337');
    expect(r.graph).toBe(`${BASE}graph/holdings/nbydb-377337`);
    expect(about(r, 'id/item/nbydb-377337-1')).toEqual([
      'callNumber Ref BV173 .N8614 1992',
      'holdingsStatement v.1-v.2',
      'itemOf id/work/nbydb-370636',
      'physicalLocation ref',
      `type ${NS.bf('Item')}`,
    ]);
    // The work is only named: its own record describes it.
    expect(r.quads.filter((q) => q.subject.value === `${BASE}id/work/nbydb-370636`)).toEqual([]);
    expect(await validator.validate(r)).toEqual([]);
  });

  it('rejects a holdings record without 004 by the item shape, naming the missing link', async () => {
    const rec = holdings.find((h) => h.id === '377291') as SourceRecord;
    const data = rec.data as { leader: string; fields: { tag: string }[] };
    const orphan = { ...rec, data: { ...data, fields: data.fields.filter((f) => f.tag !== '004') } };
    const r = engine.map(orphan, { baseIri: BASE, fileName: 'f' });
    expect(await validator.validate(r)).toEqual([
      `${BASE}id/item/nbydb-377291-1 bf:itemOf: an item needs the one work it is a copy of (bf:itemOf; MARC holdings: 004)`,
    ]);
  });

  it('a UNIMARC record: title, ISBN, publication, agent, LCSH subjects and Dewey, with the IRIs MARC 21 mints (1074414)', async () => {
    // 010 1_ $a0553210181 ; 200 1_ $aPride and prejudice$fby Jane Austen. ; 210 $aNew York$cBantam Books$d1981.
    // 606 $2lc$aCourtship$xFiction. ; 676 $a823.7$bA933. ; 700 _1 $aAusten$bJane$f1775-1817.
    const r = map(unimarc, '1074414');
    const work = 'id/work/local-1074414';
    const lines = about(r, work);
    for (const line of [
      'title Pride and prejudice',
      'responsibilityStatement by Jane Austen',
      'isbn10 0553210181',
      'isbn10 055321215X',
      'placeOfPublication New York',
      'issued 1981',
      'publisher id/org/name-bantam-books',
      'creator id/person/name-austen-jane-1775-1817',
      'subject id/concept/lcsh-courtship-fiction',
      'subject id/concept/ddc-823-7',
      'language http://id.loc.gov/vocabulary/languages/eng',
    ])
      expect(lines).toContain(line);
    expect(about(r, 'id/person/name-austen-jane-1775-1817')).toEqual([
      'label Austen, Jane, 1775-1817',
      'lifespan 1775-1817',
      'name Austen, Jane',
      `type ${NS.foaf('Person')}`,
    ]);
    expect(about(r, 'id/concept/lcsh-courtship-fiction')).toEqual(['inScheme id/scheme/lcsh', 'prefLabel Courtship -- Fiction', `type ${NS.skos('Concept')}`]);
    expect(await validator.validate(r)).toEqual([]);
  });

  it('UNIMARC agents in Chinese script: creator and translators with their roles (00085390)', () => {
    // 700 _1 $a奧斯丁$4著. ; 702 _1 $a張$b揚$4譯. ; 702 _1 $a張$b玲$4譯. ; 205 $a第1版.
    const r = map(unimarc, '00085390');
    const work = 'id/work/local-00085390';
    expect(about(r, work)).toEqual(expect.arrayContaining(['edition 第1版', 'title 傲慢與偏見', 'issued 1993']));
    const roles = r.quads.filter((q) => q.predicate.value === NS.bf('role')).map((q) => `${q.subject.value.replace(BASE, '')} ${q.object.value}`);
    expect(roles.sort()).toEqual([
      `${work}#contribution-1 http://id.loc.gov/vocabulary/relators/aut`,
      `${work}#contribution-2 http://id.loc.gov/vocabulary/relators/trl`,
      `${work}#contribution-3 http://id.loc.gov/vocabulary/relators/trl`,
    ]);
    expect(r.quads.filter((q) => q.predicate.value === NS.foaf('name')).map((q) => q.object.value)).toEqual(
      expect.arrayContaining(['奧斯丁', '張, 揚', '張, 玲']),
    );
  });

  describe('imported into a store', () => {
    let store: EmbeddedStore;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'libkg-holdings-'));
      store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1_000_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000 });
    });
    afterAll(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('writes every holdings and UNIMARC record (nothing rejected), and each item meets its work', async () => {
      const summary = await importPaths(store, [SAMPLE, UNIMARC], { baseIri: BASE, ...(await createIngest({ baseIri: BASE })) });
      // sample1a: 4 bibliographic + 5 holdings; the UNIMARC file: 17 (two share 001 00050413: one graph)
      expect({ read: summary.read, rejected: summary.rejected }).toEqual({ read: 9 + 17, rejected: 0 });
      const res = await store.query(
        `SELECT ?item ?title WHERE { ?item a <${NS.bf('Item')}> ; <${NS.bf('itemOf')}> ?work . OPTIONAL { ?work <${NS.dct('title')}> ?title } } ORDER BY ?item`,
        { format: 'application/sparql-results+json' },
      );
      const rows = (JSON.parse(res.body) as { results: { bindings: Record<string, { value: string } | undefined>[] } }).results.bindings;
      expect(rows.map((b) => [b.item?.value.replace(BASE, ''), b.title?.value])).toEqual([
        // 375291 names 004 367589, a record not in the file: the item is kept, its work has no title yet
        ['id/item/nbydb-375291-1', undefined],
        ['id/item/nbydb-377291-1', 'Seven financial conspiracies which have enslaved the American people'],
        ['id/item/nbydb-377309-1', "Mahler's Fourth symphony"],
        ['id/item/nbydb-377328-1', 'Les Lionnais du Perche-- des scieurs de long venus du Haut-Forez : XVIIe-XIXe siècles'],
        ['id/item/nbydb-377337-1', expect.stringMatching(/^Dictionnaire encyclopedique de la liturgie/)],
      ]);
      const titles = await store.match(N3.DataFactory.namedNode(`${BASE}id/work/local-1074414`), N3.DataFactory.namedNode(NS.dct('title')), null, null);
      expect(titles.map((q) => q.object.value)).toEqual(['Pride and prejudice']);
    });
  });
});
