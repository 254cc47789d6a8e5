import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readerFor } from '../../../src/ingest/readers/index.js';
import { patentReader } from '../../../src/ingest/readers/patent.js';
import type { PatentData } from '../../../src/ingest/readers/patent-model.js';
import { chunked, fixture, patentOf, readFixture, readItems } from './patent-helpers.js';

// Expected values are read off the fixture files by hand (see fixtures/patents/PROVENANCE.md).

const sym = (...symbols: string[]) => symbols.map((symbol) => ({ symbol }));

describe('patent reader: USPTO ICE XML', () => {
  it('reads a v4.5 grant with CPC, citations and character references', async () => {
    const d = await patentOf('US08926509.xml');
    expect(d).toMatchObject({
      format: 'uspto-ice',
      formatVersion: 'v4.5 2014-04-03',
      type: 'grant',
      country: 'US',
      number: '8926509',
      kind: 'B2',
      key: 'US8926509B2',
      title: 'Wireless physiological sensor patches and systems',
      lang: 'en',
      dates: { filing: '2008-06-05', publication: '2015-01-06', priority: [] },
      applicationNumber: 'US12134151',
    });
    expect(d.cpc.slice(0, 3)).toEqual(sym('A61B 5/0205', 'A61B 5/0024', 'A61B 5/0404'));
    expect(d.ipc[0]).toEqual({ symbol: 'A61B 5/00' });
    expect(d.inventors[0]).toEqual({ name: 'Surendar Magar', given: 'Surendar', family: 'Magar', city: 'Dublin', country: 'US' });
    expect(d.assignees).toEqual([{ name: 'Hmicro, Inc.', city: 'Fremont', country: 'US' }]);
    // 160 us-citation elements: 130 patent, 30 non-patent.
    expect(d.citations.patents).toHaveLength(130);
    expect(d.citations.nonPatent).toHaveLength(30);
    expect(d.citations.patents[0]).toEqual({
      country: 'US',
      number: '4313443',
      kind: 'A',
      key: 'US4313443A',
      date: '1982-02',
      category: 'cited by applicant',
      name: 'Frosch et al.',
    });
    // &#x201c; … &#x201d; in the source
    expect(d.citations.nonPatent[0]?.text).toBe(
      'Montemont, G. et al in “Experimental Comparison of Discrete and CMOS Charge Sensitive Preamplifiers for CZT Radiation Detectors”, IEEE Transactions on Nuclear Science, vol. 50, No. 4, 2002, p. 936-941.',
    );
    expect(d.abstract?.startsWith('The present invention provides methods, devices, and systems')).toBe(true);
  });

  it('reads a v4.0 application with a priority claim and the old IPC form', async () => {
    const d = await patentOf('US20050004437A1.xml');
    expect(d).toMatchObject({
      type: 'application',
      key: 'US20050004437A1',
      title: 'Simulation device for playful evaluation and display of blood sugar levels',
      dates: { filing: '2004-04-23', publication: '2005-01-06', priority: ['2001-10-26'] },
      priorityClaims: [{ country: 'CH', number: '1974/01', date: '2001-10-26' }],
      ipc: sym('A61B 5/00'),
      cpc: [],
    });
    // v4.0 lists inventors as applicants of app-type "applicant-inventor".
    expect(d.inventors.map((i) => i.name)).toEqual(['Heiner Kaufmann', 'Thomas Vering']);
    expect(d.applicants.map((i) => [i.name, i.person])).toEqual([
      ['Heiner Kaufmann', true],
      ['Thomas Vering', true],
    ]);
    expect(d.citations).toEqual({ patents: [], nonPatent: [] });
  });

  it('reads a v4.1 application from a bulk file', async () => {
    const d = await patentOf('ipa061228.one.xml');
    expect(d).toMatchObject({ key: 'US20060288462A1', type: 'application', ipc: sym('A41D 31/00', 'A23G 1/50') });
    expect(d.inventors).toEqual([{ name: 'Yvonne Schroeder', given: 'Yvonne', family: 'Schroeder', city: 'Koln', country: 'DE' }]);
    expect(d.assignees[0]?.name).toBe('AMERICAN EXPRESS TRAVEL RELATED SERVICES COMPANY, INC.');
  });
});

describe('patent reader: weekly bulk files', () => {
  it('splits concatenated documents at each <?xml declaration', async () => {
    const items = await readFixture('ipg120327.first3.xml');
    expect(items.map((i) => ('record' in i ? [i.record.index, i.record.id, i.record.kind, i.record.mapping] : i))).toEqual([
      [1, 'USD656296S1', 'patent', 'patent'],
      [2, 'USD656297S1', 'patent', 'patent'],
      [3, 'USD656298S1', 'patent', 'patent'],
    ]);
    const first = (items[0] as { record: { data: PatentData } }).record.data;
    expect(first).toMatchObject({ formatVersion: 'v4.2 2006-08-23', title: 'Ready to eat snack piece', dates: { publication: '2012-03-27' } });
    expect(first.citations.patents[0]).toMatchObject({ key: 'USD38206S', date: '1906-08', category: 'cited by examiner', name: 'Allen' });
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const whole = await readFixture('ipg120327.first3.xml');
    for (const size of [7, 4096]) expect(await readItems(chunked('ipg120327.first3.xml', size))).toEqual(whole);
  });

  it('reports a malformed document and goes on with the next one', async () => {
    const text = readFileSync(fixture('ipg120327.first3.xml'), 'utf8');
    const docs = text.split(/(?=<\?xml )/);
    expect(docs).toHaveLength(3);
    // Break the second document: an end tag that does not match.
    const broken = [docs[0], (docs[1] as string).replace('</invention-title>', '</invention-titel>'), docs[2]].join('');
    const items = await readItems(Readable.from([broken]));
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ record: { id: 'USD656296S1' } });
    expect(items[1]).toMatchObject({ failure: { index: 2, id: 'USD656297S1' } });
    expect((items[1] as { failure: { reason: string } }).failure.reason).toBe('malformed XML: 35:58: unexpected close tag.');
    expect(items[2]).toMatchObject({ record: { index: 3, id: 'USD656298S1' } });
  });

  it('fails a document whose root is not a patent format', async () => {
    const items = await readItems(Readable.from(['<?xml version="1.0"?>\n<catalog><book/></catalog>\n']));
    expect(items).toEqual([{ failure: { index: 1, reason: 'not a patent document: root element <catalog>' } }]);
  });
});

describe('patent reader: pre-grant publications 2001-2004 (PAP)', () => {
  it('reads a pap-v15 document and decodes its DTD entities', async () => {
    const d = await patentOf('US20010000943A1.xml');
    expect(d).toMatchObject({
      format: 'uspto-pap',
      type: 'application',
      key: 'US20010000943A1',
      title: 'Organic electroluminescence device and method of manufacturing same',
      dates: { filing: '2000-12-04', publication: '2001-05-10', priority: ['1999-04-05'] },
      applicationNumber: 'US09727454',
      priorityClaims: [{ country: 'JP', number: '11-097727', date: '1999-04-05' }],
      ipc: sym('H01J 1/62'),
      assignees: [{ name: 'IDEMITSU KOSAN CO., LTD.' }],
    });
    expect(d.inventors[0]).toEqual({ name: 'Kenichi Fukuoka', given: 'Kenichi', family: 'Fukuoka', city: 'Sodegaura-shi', country: 'JP' });
    // Min&minus;20 nm&lt;t&lt;Min&plus;20 nm &emsp;&emsp;(a)
    expect(d.abstract?.split('\n')[2]).toBe('Min−20 nm<t<Min+20 nm (a)');
  });
});

describe('patent reader: ST.32 (SGML-derived) grants', () => {
  it('reads B-field codes, citations and HTML entities', async () => {
    const d = await patentOf('US06336130.xml');
    expect(d).toMatchObject({
      format: 'uspto-st32',
      key: 'US6336130B1',
      title: 'Arrangement for improving availability of services in a communication system',
      dates: { filing: '1999-10-05', publication: '2002-01-01', priority: ['1997-04-08'] },
      priorityClaims: [{ number: '971605', date: '1997-04-08', country: 'NO' }],
      ipc: sym('G06F 15/16', 'G06F 13/00'),
      uspc: sym('709202', '709201'),
      inventors: [{ name: 'Thanh Van Do', given: 'Thanh Van', family: 'Do', city: 'Oslo', country: 'NO' }],
      assignees: [{ name: 'Telefonaktiebolaget LM Ericsson (publ)', city: 'Stockholm', country: 'SE' }],
    });
    expect(d.citations.patents[0]).toMatchObject({ key: 'US5825759A', category: 'cited by examiner', name: 'Liu' });
    // A WO citation without a kind code keeps no kind.
    expect(d.citations.patents[5]).toEqual({ country: 'WO', number: '9625012', key: 'WO9625012', date: '1996-08', category: 'cited by other' });
    expect(d.citations.nonPatent.map((c) => c.text)).toEqual([
      "S. Krause et al.; Mobile Service Agents Enabling ‘Intelligence on Demand’ in Telecommunications; Globecom '96 Communications: The Key to Global Prosperity; pp. 78-84, Nov. 1996.*",
      'IEEE 46th Technology Conference, Apr. 28-May 1, 1996, Atlanta, Georgia, van Thanh et al., “Making Mobility Transparent to the Applications”.',
      'Telektronikk, vol. 90, No. 2, 1994, Norway, T. Handegåard, “The TINA Consortium”.',
    ]);
  });

  it('decodes ISO Greek entities that the HTML table lacks (&agr; &PHgr; &ohgr; …)', async () => {
    const items = await readFixture('US06337117.xml');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ record: { id: 'US6337117B1' } });
    const d = (items[0] as { record: { data: PatentData } }).record.data;
    // ST.32 packs the IPC symbol in columns: "B32B  302".
    expect(d.ipc).toEqual(sym('B32B 3/02'));
    expect(d.priorityClaims).toHaveLength(4);
  });

  it('normalises design patent numbers', async () => {
    const d = await patentOf('USD435854S1.xml');
    expect(d).toMatchObject({ key: 'USD435854S', number: 'D435854', kind: 'S', title: 'Disc cartridge', ipc: [] });
    // "D. 271298" in the source, no kind given
    expect(d.citations.patents[0]).toMatchObject({ key: 'USD271298', number: 'D271298', date: '1983-11' });
    expect(d.citations.patents[0]?.kind).toBeUndefined();
  });
});

describe('patent reader: EPO publication server', () => {
  it('reads an A1 application with titles in three languages', async () => {
    const d = await patentOf('ep-application-v1-5-A1.xml');
    expect(d).toMatchObject({
      format: 'ep',
      formatVersion: 'ep-patent-document-v1-5',
      type: 'application',
      key: 'EP3782854A1',
      title: 'VEHICLE-MOUNTED DISPLAY ASSEMBLY AND VEHICLE',
      lang: 'en',
      dates: { filing: '2018-10-29', publication: '2021-02-24', priority: ['2018-04-20'] },
      applicationNumber: 'EP18877305.5',
      priorityClaims: [{ number: '201810358967', date: '2018-04-20', country: 'CN' }],
      ipc: sym('B60R 7/06', 'B60N 3/12'),
    });
    expect(d.titles).toEqual([
      { text: 'FAHRZEUGMONTIERTE ANZEIGEANORDNUNG UND FAHRZEUG', lang: 'de' },
      { text: 'VEHICLE-MOUNTED DISPLAY ASSEMBLY AND VEHICLE', lang: 'en' },
      { text: "ENSEMBLE D'AFFICHAGE MONTÉ SUR VÉHICULE ET VÉHICULE", lang: 'fr' },
    ]);
    expect(d.inventors[0]).toEqual({ name: 'Yuhsiung FENG', given: 'Yuhsiung', family: 'FENG', city: 'Beijing 100176', country: 'CN' });
    // An application names applicants (B711); proprietors (B731) come with the grant.
    expect(d.applicants.map((a) => a.name)).toEqual(['BOE TECHNOLOGY GROUP CO., LTD.', 'Chengdu BOE Optoelectronics Technology Co., Ltd.']);
    expect(d.assignees).toEqual([]);
    expect(d.abstract?.startsWith('This disclosure relates to a vehicular display assembly')).toBe(true);
  });

  it('reads search-report citations of a B2 grant', async () => {
    const d = await patentOf('ep-grant-v1-4-B2.xml');
    expect(d).toMatchObject({ type: 'grant', key: 'EP1451194B2', title: 'PREPARATION OF LEVOFLOXACIN HEMIHYDRATE' });
    expect(d.citations.patents.map((c) => c.key)).toEqual(['EP0444678A1', 'WO0118005A', 'WO0050428A1', 'US5521310A', 'US5539110A', 'US5545737A']);
    expect(d.citations.nonPatent).toHaveLength(1);
    expect(d.citations.nonPatent[0]?.text.startsWith('KANG, SOON BANG ET AL: "An improved synthesis of levofloxacin"')).toBe(true);
    expect(d.inventors[0]?.name).toBe('Valerie NIDDAM-HILDESHEIM');
    expect(d.assignees).toEqual([{ name: 'TEVA PHARMACEUTICAL INDUSTRIES LTD.', city: '49131 Petah Tiqva', country: 'IL' }]);
  });
});

describe('patent reader: detection', () => {
  const head = (name: string) => readFileSync(fixture(name)).subarray(0, 4096);
  it('recognises every fixture format from its first 4 KB', () => {
    for (const name of [
      'US08926509.xml',
      'US20050004437A1.xml',
      'US20010000943A1.xml',
      'US06336130.xml',
      'USD435854S1.xml',
      'ipg120327.first3.xml',
      'ep-grant-v1-4-B2.xml',
    ]) {
      expect(patentReader.detect(name, head(name)), name).toBe(true);
      expect(readerFor(name, head(name))?.format, name).toBe('patent-xml');
    }
  });
  it('leaves other XML alone', () => {
    const rdf = Buffer.from('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>');
    expect(patentReader.detect('x.xml', rdf)).toBe(false);
    expect(patentReader.detect('US08926509.ttl', head('US08926509.xml'))).toBe(false);
  });
});
