import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orcidReader } from '../../../src/ingest/readers/orcid.js';
import type { OrcidPerson } from '../../../src/ingest/readers/orcid-record.js';
import type { ReadItem, SourceRecord } from '../../../src/ingest/types.js';

const dir = join(import.meta.dirname, '../../../fixtures/authors/orcid');
const ctx = (fileName: string) => ({ fileName, baseIri: 'http://localhost:8080/' });

async function readAll(file: string): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of orcidReader.read(createReadStream(join(dir, file)), ctx(file))) out.push(item);
  return out;
}
async function only(file: string): Promise<SourceRecord & { data: OrcidPerson }> {
  const items = await readAll(file);
  expect(items).toHaveLength(1);
  const first = items[0];
  if (!first || !('record' in first)) throw new Error(`expected a record, got ${JSON.stringify(first)}`);
  return first.record as SourceRecord & { data: OrcidPerson };
}

describe('ORCID reader', () => {
  it('detects ORCID JSON and XML by content, not other JSON/XML', () => {
    const head = (f: string) => readFileSync(join(dir, f)).subarray(0, 4096);
    expect(orcidReader.detect('record-full-3.0.json', head('record-full-3.0.json'))).toBe(true);
    expect(orcidReader.detect('record-3.0.xml', head('record-3.0.xml'))).toBe(true);
    expect(orcidReader.detect('bulk-works-100-works-3.0.json', head('bulk-works-100-works-3.0.json'))).toBe(true);
    const datacite = readFileSync(join(import.meta.dirname, '../../../fixtures/datasets/datacite-json/bolognese-datacite.json'));
    expect(orcidReader.detect('bolognese-datacite.json', datacite)).toBe(false);
    expect(orcidReader.detect('x.xml', Buffer.from('<resource xmlns="http://datacite.org/schema/kernel-4"/>'))).toBe(false);
  });

  it('normalises the JSON sandbox record: name, other names, external id, affiliations with org ids, work versions', async () => {
    const r = await only('record-full-3.0.json');
    expect(r).toMatchObject({ id: '0000-0002-7319-2192', kind: 'author', mapping: 'orcid' });
    const d = r.data;
    expect(d).toMatchObject({
      orcid: '0000-0002-7319-2192',
      orcidUri: 'https://orcid.org/0000-0002-7319-2192',
      key: 'orcid-0000-0002-7319-2192',
      name: 'Three releasecandidate1',
      givenNames: 'Three',
      familyName: 'releasecandidate1',
      countries: ['US'],
    });
    expect(d.otherNames).toEqual(['Other Name', '{}', '{yo}', 'dreamofaredbird']);
    expect(d.externalIds).toEqual([{ scheme: 'my-id-system', type: 'My ID System', value: 'A-0003', url: 'https://myid.com/A-0003' }]);
    const employment = d.affiliations.find((a) => a.kind === 'employment');
    expect(employment).toMatchObject({
      department: 'department-name',
      role: 'role-title',
      startDate: '1948-02-02',
      organisation: { name: 'common:name', fundref: 'https://doi.org/10.13039/100000001', key: 'fundref-100000001', country: 'AF' },
    });
    expect(new Set(d.affiliations.map((a) => a.kind))).toEqual(
      new Set(['distinction', 'education', 'employment', 'invited-position', 'membership', 'qualification', 'service']),
    );
    // The work's DOI is marked version-of: it is a version's DOI, not the work's own.
    expect(d.works).toHaveLength(1);
    expect(d.works[0]).toMatchObject({
      title: 'Work Title',
      type: 'journal-article',
      year: '2012',
      versionOfDois: ['10.1087/20120404'],
      key: 'orcid-0000-0002-7319-2192-178602',
    });
    expect(d.works[0]?.doi).toBeUndefined();
  });

  it('reads the XML record into the same shape (names, biography, keywords, GRID/Ringgold orgs)', async () => {
    const r = await only('record-3.0.xml');
    const d = r.data;
    expect(d).toMatchObject({
      orcid: '8888-8888-8888-8880',
      name: 'credit-name',
      givenNames: 'give-names',
      familyName: 'family-name',
      otherNames: ['other-name-1'],
      biography: 'biography',
      keywords: ['keyword1'],
      researcherUrls: [{ name: 'url-name-1', url: 'http://url.com/' }],
    });
    expect(d.externalIds[0]).toMatchObject({ type: 'type-1', value: 'value-1' });
    const employment = d.affiliations.find((a) => a.kind === 'employment');
    expect(employment?.organisation).toMatchObject({ name: 'employment-org', country: 'AF' });
    expect(employment?.organisation.grid).toBeDefined();
    expect(d.works[0]).toMatchObject({ title: 'common:title', journalTitle: 'Procedia Computer Science', type: 'artistic-performance', year: '1948' });
  });

  it('reads section files (works, employments) with the owner iD from their path', async () => {
    const works = (await only('works-3.0.xml')).data;
    expect(works.orcid).toBe('8888-8888-8888-8880');
    expect(works.works.map((w) => w.title)).toEqual(['Work # 0', 'Work # 1', 'Work # 2']);
    // "123456" is typed doi but is no DOI: kept as an external id, not minted as a DOI IRI.
    expect(works.works[0]?.doi).toBeUndefined();
    const emp = (await only('employments-3.0.xml')).data;
    expect(emp.affiliations.map((a) => a.organisation.name)).toEqual(['employment', 'employment']);
  });

  it('splits an ownerless bulk works file into one record per work, keyed by DOI, with contributor ORCIDs', async () => {
    const items = await readAll('bulk-works-100-works-3.0.json');
    expect(items).toHaveLength(100);
    const first = items[0];
    if (!first || !('record' in first)) throw new Error('expected a record');
    const d = first.record.data as OrcidPerson;
    expect(first.record.id).toBe('10.1001/j.crvasa.2015.05.007');
    expect(d.orcid).toBeUndefined();
    expect(d.works[0]).toMatchObject({ title: 'Work Title 1', journalTitle: 'Cor et Vasa', doi: '10.1001/j.crvasa.2015.05.007', year: '2021' });
    expect(d.works[0]?.contributors[0]).toEqual({
      name: 'Jordan',
      orcid: '0000-0002-5391-5437',
      key: 'orcid-0000-0002-5391-5437',
      role: 'author',
      sequence: 'first',
    });
  });

  it('fails a record that names no iD and no works, and unreadable input, with reasons', async () => {
    const person = await readAll('incomplete/person-3.0.xml');
    expect(person).toEqual([{ failure: { index: 1, reason: 'ORCID record names no ORCID iD and no works' } }]);
    const { Readable } = await import('node:stream');
    const broken: ReadItem[] = [];
    for await (const i of orcidReader.read(Readable.from(['<record:record xmlns:record="http://www.orcid.org/ns/record"><a></record:record>']), ctx('x.xml')))
      broken.push(i);
    expect(broken[0]).toMatchObject({ failure: { index: 1 } });
    expect('failure' in (broken[0] as ReadItem) && (broken[0] as { failure: { reason: string } }).failure.reason).toMatch(/XML not well-formed/);
  });

  it('rejects an iD whose check digit is wrong', async () => {
    const { Readable } = await import('node:stream');
    const items: ReadItem[] = [];
    const json = JSON.stringify({ 'orcid-identifier': { path: '0000-0002-7319-2193' }, person: { name: { 'family-name': { value: 'X' } } } });
    for await (const i of orcidReader.read(Readable.from([json]), ctx('bad.json'))) items.push(i);
    expect(items).toEqual([{ failure: { index: 1, id: '0000-0002-7319-2193', reason: 'ORCID iD 0000-0002-7319-2193 fails its check digit' } }]);
  });
});

describe('ORCID reader: bytes that are not UTF-8', () => {
  const readBytes = async (bytes: Buffer): Promise<ReadItem[]> => {
    const out: ReadItem[] = [];
    const { Readable } = await import('node:stream');
    for await (const item of orcidReader.read(Readable.from([bytes]), ctx('garbled.json'))) out.push(item);
    return out;
  };
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('refuses an owned record holding one, naming the byte, instead of storing U+FFFD', async () => {
    const text = readFileSync(join(dir, 'record-full-3.0.json'), 'utf8');
    const m = /"family-name"\s*:\s*\{\s*"value"\s*:\s*"/.exec(text);
    if (!m) throw new Error('fixture without a family name');
    const at = m.index + m[0].length;
    const garbled = Buffer.concat([Buffer.from(text.slice(0, at)), latin1('é'), Buffer.from(text.slice(at))]);
    const items = await readBytes(garbled);
    expect(items).toEqual([
      {
        failure: {
          index: 1,
          id: '0000-0002-7319-2192',
          reason: expect.stringMatching(/^ORCID record holds bytes that are not valid UTF-8 \(the file's first one at byte \d+\)$/),
        },
      },
    ]);
  });

  it('in a bulk list of works, refuses only the work holding one', async () => {
    const work = (doi: string, title: Buffer) =>
      Buffer.concat([
        Buffer.from(`{"work":{"put-code":1,"title":{"title":{"value":"`),
        title,
        Buffer.from(`"}},"external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"${doi}"}]}}}`),
      ]);
    const bulk = Buffer.concat([
      Buffer.from('{"bulk":['),
      work('10.1/a', latin1('Caf\u00e9')),
      Buffer.from(','),
      work('10.1/b', Buffer.from('Fine')),
      Buffer.from(']}'),
    ]);
    const items = await readBytes(bulk);
    const failures = items.filter((i) => 'failure' in i);
    const records = items.filter((i) => 'record' in i);
    expect(failures).toHaveLength(1);
    expect(JSON.stringify(failures[0])).toContain('not valid UTF-8');
    expect(records).toHaveLength(1);
  });
});
