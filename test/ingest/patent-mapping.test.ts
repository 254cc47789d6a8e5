import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mapper, RecordValidator } from '../../src/ingest/mapping/index.js';
import { importPaths } from '../../src/ingest/pipeline.js';
import { patentReader } from '../../src/ingest/readers/patent.js';
import { createIngest } from '../../src/ingest/setup.js';
import type { ImportSummary, MappedRecord, SourceRecord } from '../../src/ingest/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { NS } from '../../src/vocab.js';
import { fixture } from './readers/patent-helpers.js';

// End to end: fixture file -> patent reader -> mappings/patent.yaml (through the
// mapper the import pipeline uses) -> quads. Every expected triple was checked by
// hand against the source XML in fixtures/patents/.

const BASE = 'http://example.org/';
const { namedNode: iri, literal } = N3.DataFactory;
const id = (path: string) => iri(BASE + path);
const date = (d: string) => literal(d, iri(NS.xsd('date')));
const P = {
  type: iri(NS.rdf('type')),
  title: iri(NS.dct('title')),
  abstract: iri(NS.dct('abstract')),
  issued: iri(NS.dct('issued')),
  cites: iri(NS.cito('cites')),
  citation: iri(NS.dct('bibliographicCitation')),
  name: iri(NS.foaf('name')),
  familyName: iri(NS.foaf('familyName')),
  notation: iri(NS.skos('notation')),
  inScheme: iri(NS.skos('inScheme')),
  kindCode: iri(NS.libkg('kindCode')),
  publicationNumber: iri(NS.libkg('publicationNumber')),
  inventor: iri(NS.libkg('inventor')),
  applicant: iri(NS.libkg('applicant')),
  assignee: iri(NS.libkg('assignee')),
  cpc: iri(NS.libkg('cpc')),
  ipc: iri(NS.libkg('ipc')),
  uspc: iri(NS.libkg('uspc')),
  priorityClaim: iri(NS.libkg('priorityClaim')),
  priorityDate: iri(NS.libkg('priorityDate')),
  countryCode: iri(NS.libkg('countryCode')),
  docNumber: iri(NS.libkg('docNumber')),
  filingDate: iri(NS.libkg('filingDate')),
};

let mapper: Mapper;
let validator: RecordValidator;
beforeAll(async () => {
  ({ mapper, validator } = await createIngest({ baseIri: BASE }));
});

async function records(name: string): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const item of patentReader.read(createReadStream(fixture(name)), { fileName: name, baseIri: BASE })) {
    if (!('record' in item)) throw new Error(`${name}: ${item.failure.reason}`);
    out.push(item.record);
  }
  return out;
}

async function mapped(name: string, n = 0): Promise<MappedRecord> {
  const record = (await records(name))[n];
  if (!record) throw new Error(`${name} has no record ${n}`);
  return mapper.map(record, { baseIri: BASE, fileName: name });
}

/** The record's triples as "s p o" N-Triples lines, for exact membership checks. */
const lines = (r: MappedRecord) => new Set(r.quads.map((q) => tripleLine(q.subject, q.predicate, q.object)));
function tripleLine(s: RDF.Term, p: RDF.Term, o: RDF.Term): string {
  const w = new N3.Writer({ format: 'N-Triples' });
  return w.quadToString(s as RDF.Quad_Subject, p as RDF.Quad_Predicate, o as RDF.Quad_Object).trim();
}
function expectTriples(r: MappedRecord, triples: [RDF.Term, RDF.Term, RDF.Term][]) {
  const have = lines(r);
  for (const [s, p, o] of triples) expect(have, tripleLine(s, p, o)).toContain(tripleLine(s, p, o));
}

describe('patent mapping end to end', () => {
  it('USPTO ICE v4.5 grant: title, kind, inventor, CPC concept, citations, character references', async () => {
    const r = await mapped('US08926509.xml');
    const pat = id('id/patent/US8926509B2');
    expect(r.graph).toBe(`${BASE}graph/patent/US8926509B2`);
    expect(r.quads.every((q) => q.graph.value === r.graph)).toBe(true);
    expectTriples(r, [
      [pat, P.type, iri(NS.bibo('Patent'))],
      [pat, P.publicationNumber, literal('US8926509B2')],
      [pat, P.title, literal('Wireless physiological sensor patches and systems', 'en')],
      [pat, P.kindCode, literal('B2')],
      [pat, P.issued, date('2015-01-06')],
      [pat, P.filingDate, date('2008-06-05')],
      [pat, P.inventor, id('id/person/name-surendar-magar')],
      [id('id/person/name-surendar-magar'), P.name, literal('Surendar Magar')],
      [pat, P.assignee, id('id/org/name-hmicro-inc')],
      [id('id/org/name-hmicro-inc'), P.name, literal('Hmicro, Inc.')],
      [pat, P.cpc, id('id/concept/cpc-a61b-5-0205')],
      [id('id/concept/cpc-a61b-5-0205'), P.notation, literal('A61B 5/0205')],
      [id('id/concept/cpc-a61b-5-0205'), P.inScheme, id('id/scheme/cpc')],
      [pat, P.cites, id('id/patent/US4313443A')],
      // <country>WO</country><doc-number>WO 89/02682</doc-number><kind>A1</kind>
      [pat, P.cites, id('id/patent/WO8902682A1')],
      [pat, P.cites, id('id/patent/US8926509B2#npl-1')],
      // &#x201c; … &#x201d; in the source
      [
        id('id/patent/US8926509B2#npl-1'),
        P.citation,
        literal(
          'Montemont, G. et al in “Experimental Comparison of Discrete and CMOS Charge Sensitive Preamplifiers for CZT Radiation Detectors”, IEEE Transactions on Nuclear Science, vol. 50, No. 4, 2002, p. 936-941.',
        ),
      ],
    ]);
  });

  it('USPTO ICE v4.0 application: priority claim node and old-form IPC', async () => {
    const r = await mapped('US20050004437A1.xml');
    const pat = id('id/patent/US20050004437A1');
    const claim = id('id/patent/US20050004437A1#priority-1');
    expectTriples(r, [
      [pat, P.title, literal('Simulation device for playful evaluation and display of blood sugar levels', 'en')],
      [pat, P.kindCode, literal('A1')],
      [pat, P.inventor, id('id/person/name-heiner-kaufmann')],
      [pat, P.ipc, id('id/concept/ipc-a61b-5-00')],
      [id('id/concept/ipc-a61b-5-00'), P.notation, literal('A61B 5/00')],
      [pat, P.priorityClaim, claim],
      [claim, P.countryCode, literal('CH')],
      [claim, P.docNumber, literal('1974/01')],
      [claim, P.priorityDate, date('2001-10-26')],
    ]);
  });

  it('weekly bulk file: the first document of a concatenation', async () => {
    const r = await mapped('ipg120327.first3.xml', 0);
    const pat = id('id/patent/USD656296S1');
    expectTriples(r, [
      [pat, P.title, literal('Ready to eat snack piece', 'en')],
      [pat, P.kindCode, literal('S1')],
      [pat, P.inventor, id('id/person/name-nicole-cavin')],
      [pat, P.cites, id('id/patent/USD38206S')],
      [pat, P.assignee, id('id/org/name-frito-lay-north-america-inc')],
      [pat, P.issued, date('2012-03-27')],
    ]);
    // The third document maps to its own graph.
    expect((await mapped('ipg120327.first3.xml', 2)).graph).toBe(`${BASE}graph/patent/USD656298S1`);
  });

  it('2001 pre-grant publication: DTD entities &minus; &plus; decoded in the abstract', async () => {
    const r = await mapped('US20010000943A1.xml');
    const pat = id('id/patent/US20010000943A1');
    const abstract = [
      'An organic ELECTROLUMINESCENCE device exhibiting a minimal change in the color purity (CIE chromaticity coordinates) even if there is some fluctuation in the optical path length, and a method of manufacturing such an organic EL device are provided.',
      'The organic EL device contains an organic layer formed between electrodes at least one of which is a transparent electrode, wherein the total optical path length (t) of the transparent electrode and the organic layer satisfies the following inequality (a) or inequality (b) or both:',
      'Min−20 nm<t<Min+20 nm (a)',
      'Max−20 nm<t<Max+20 nm (b)',
      'wherein t is the total optical path length (nm), Min is the optical path length (nm) at which the CIEX chromaticity coordinates or CIEy chromaticity coordinates measured according to JIS Z 8701 exhibits a minimum value, and Max is the optical path length (nm) at which the CIEX chromaticity coordinates or CIEy chromaticity coordinates measured according to JIS Z 8701 exhibit a maximum value.',
    ].join('\n');
    expectTriples(r, [
      [pat, P.title, literal('Organic electroluminescence device and method of manufacturing same', 'en')],
      [pat, P.kindCode, literal('A1')],
      [pat, P.inventor, id('id/person/name-kenichi-fukuoka')],
      [pat, P.ipc, id('id/concept/ipc-h01j-1-62')],
      [pat, P.assignee, id('id/org/name-idemitsu-kosan-co-ltd')],
      [pat, P.abstract, literal(abstract, 'en')],
    ]);
  });

  it('ST.32 grant: &ldquo; &aring; in citations, a WO citation without kind', async () => {
    const r = await mapped('US06336130.xml');
    const pat = id('id/patent/US6336130B1');
    expectTriples(r, [
      [pat, P.title, literal('Arrangement for improving availability of services in a communication system', 'en')],
      [pat, P.kindCode, literal('B1')],
      [pat, P.inventor, id('id/person/name-thanh-van-do')],
      [id('id/person/name-thanh-van-do'), P.familyName, literal('Do')],
      [pat, P.ipc, id('id/concept/ipc-g06f-15-16')],
      // <B521>709202</B521> <B522>709201</B522>: USPC class 709, subclasses 202 and 201
      [pat, P.uspc, id('id/concept/uspc-709202')],
      [pat, P.uspc, id('id/concept/uspc-709201')],
      [id('id/concept/uspc-709202'), P.notation, literal('709202')],
      [id('id/concept/uspc-709202'), P.inScheme, id('id/scheme/uspc')],
      [pat, P.cites, id('id/patent/US5825759A')],
      [pat, P.cites, id('id/patent/WO9625012')],
      [pat, P.assignee, id('id/org/name-telefonaktiebolaget-lm-ericsson-publ')],
      [
        id('id/patent/US6336130B1#npl-2'),
        P.citation,
        literal('IEEE 46th Technology Conference, Apr. 28-May 1, 1996, Atlanta, Georgia, van Thanh et al., “Making Mobility Transparent to the Applications”.'),
      ],
      [id('id/patent/US6336130B1#npl-3'), P.citation, literal('Telektronikk, vol. 90, No. 2, 1994, Norway, T. Handegåard, “The TINA Consortium”.')],
    ]);
  });

  it('a cited patent carries what the citation gives: number, country, kind code and a label (issue 16)', async () => {
    const r = await mapped('US06336130.xml');
    const label = iri(NS.rdfs('label'));
    // <B561><PCIT><DOC><DNUM><PDAT>5825759</PDAT></DNUM>…<KIND><PDAT>A</PDAT></KIND>: a US citation (country from the grant)
    const us = id('id/patent/US5825759A');
    expectTriples(r, [
      [us, P.type, iri(NS.bibo('Patent'))],
      [us, P.publicationNumber, literal('US5825759A')],
      [us, P.countryCode, literal('US')],
      [us, P.docNumber, literal('5825759')],
      [us, P.kindCode, literal('A')],
      [us, label, literal('US 5825759 A')],
    ]);
    // <B561><PCIT><DOC><DNUM><PDAT>96/25012</PDAT></DNUM>…<CTRY><PDAT>WO</PDAT></CTRY>, no kind: no kind code, a label without one
    const wo = id('id/patent/WO9625012');
    expectTriples(r, [
      [wo, P.countryCode, literal('WO')],
      [wo, P.docNumber, literal('9625012')],
      [wo, label, literal('WO 9625012')],
    ]);
    expect(r.quads.filter((q) => q.subject.equals(wo) && q.predicate.equals(P.kindCode))).toEqual([]);
    expect(r.quads.filter((q) => q.subject.equals(wo) && q.predicate.equals(label))).toHaveLength(1);
  });

  it('EPO A1 application: titles in de/en/fr, applicants, CN priority', async () => {
    const r = await mapped('ep-application-v1-5-A1.xml');
    const pat = id('id/patent/EP3782854A1');
    expectTriples(r, [
      [pat, P.title, literal('VEHICLE-MOUNTED DISPLAY ASSEMBLY AND VEHICLE', 'en')],
      [pat, P.title, literal('FAHRZEUGMONTIERTE ANZEIGEANORDNUNG UND FAHRZEUG', 'de')],
      [pat, P.title, literal("ENSEMBLE D'AFFICHAGE MONTÉ SUR VÉHICULE ET VÉHICULE", 'fr')],
      [pat, P.kindCode, literal('A1')],
      [pat, P.inventor, id('id/person/name-yuhsiung-feng')],
      [id('id/person/name-yuhsiung-feng'), P.familyName, literal('FENG')],
      [pat, P.applicant, id('id/org/name-boe-technology-group-co-ltd')],
      [pat, P.ipc, id('id/concept/ipc-b60r-7-06')],
      [id('id/patent/EP3782854A1#priority-1'), P.countryCode, literal('CN')],
    ]);
    expect(r.quads.filter((q) => q.predicate.equals(P.assignee))).toEqual([]);
  });

  it('EPO B2 grant: search-report citations and the proprietor', async () => {
    const r = await mapped('ep-grant-v1-4-B2.xml');
    const pat = id('id/patent/EP1451194B2');
    expectTriples(r, [
      [pat, P.title, literal('PREPARATION OF LEVOFLOXACIN HEMIHYDRATE', 'en')],
      [pat, P.kindCode, literal('B2')],
      [pat, P.inventor, id('id/person/name-valerie-niddam-hildesheim')],
      [pat, P.ipc, id('id/concept/ipc-c07d-498-06')],
      [pat, P.cites, id('id/patent/EP0444678A1')],
      [pat, P.cites, id('id/patent/US5521310A')],
      [pat, P.assignee, id('id/org/name-teva-pharmaceutical-industries-ltd')],
      [
        id('id/patent/EP1451194B2#npl-1'),
        P.citation,
        literal(
          'KANG, SOON BANG ET AL: "An improved synthesis of levofloxacin" HETEROCYCLES , 45(1), 137-145 CODEN: HTCYAM; ISSN: 0385-5414, 1997, XP002325796',
        ),
      ],
    ]);
  });

  it('every fixture document conforms to shapes/', async () => {
    const files = ['US08926509.xml', 'US20050004437A1.xml', 'ipa061228.one.xml', 'ipg120327.first3.xml', 'US20010000943A1.xml'];
    files.push('US06336130.xml', 'US06337117.xml', 'USD435854S1.xml', 'ep-application-v1-5-A1.xml', 'ep-grant-v1-4-B2.xml');
    let checked = 0;
    for (const name of files) {
      for (const record of await records(name)) {
        expect(await validator.validate(mapper.map(record, { baseIri: BASE, fileName: name })), record.id).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBe(12);
  });

  it('re-mapping gives identical quads', async () => {
    for (const name of ['US08926509.xml', 'US20010000943A1.xml', 'US06336130.xml', 'ep-grant-v1-4-B2.xml', 'ipg120327.first3.xml']) {
      const once = [...lines(await mapped(name))].sort();
      const again = [...lines(await mapped(name))].sort();
      expect(again, name).toEqual(once);
      expect(once.length, name).toBeGreaterThan(20);
    }
  });
});

describe('patent import into a store', () => {
  let dir = '';
  let store: EmbeddedStore;
  let first: ImportSummary;
  const importAll = () => importPaths(store, [join(import.meta.dirname, '../../fixtures/patents')], { baseIri: BASE, mapper, validator });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'libkg-patent-'));
    store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1_000_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000 });
    first = await importAll();
  }, 30_000);

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('detects, maps, validates and writes the 12 fixture documents, one graph each', async () => {
    expect(first).toMatchObject({ read: 12, written: 12, rejected: 0 });
    const g = id('graph/patent/US6336130B1');
    expect(await store.match(id('id/patent/US6336130B1'), P.cites, id('id/patent/WO9625012'), g)).toHaveLength(1);
  });

  it('re-importing the same files changes nothing', async () => {
    expect(await importAll()).toMatchObject({ read: 12, written: 0, unchanged: 12, rejected: 0 });
  });
});
