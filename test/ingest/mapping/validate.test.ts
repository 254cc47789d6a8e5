import N3 from 'n3';
import { describe, expect, it } from 'vitest';
import { createIngest } from '../../../src/ingest/setup.js';
import type { MappedRecord } from '../../../src/ingest/types.js';
import { ShaclRecordValidator } from '../../../src/ingest/validate.js';
import { T } from '../../../src/vocab.js';
import { readMarcFile } from './marc-fixtures.js';

const { namedNode, literal, quad } = N3.DataFactory;
const BASE = 'http://lib.example/';
const G = namedNode(`${BASE}graph/test/1`);
const record = (quads: N3.Quad[]): MappedRecord => ({ graph: G.value, quads });

describe('SHACL validation with shapes/', () => {
  const validator = new ShaclRecordValidator();
  const reference = new ShaclRecordValidator(undefined, { engine: 'shacl-engine' });
  /** Both validators must find the same (focus node, path) results. */
  const same = async (r: MappedRecord) => {
    const key = (vs: Awaited<ReturnType<ShaclRecordValidator['violations']>>) => vs.map((v) => `${v.focusNode} ${v.path ?? ''}`).sort();
    expect(key(await validator.violations(r.quads))).toEqual(key(await reference.violations(r.quads)));
  };

  it('compiles shapes/ to the fast path', () => {
    expect(validator.mode).toBe('compiled');
    expect(reference.mode).toBe('shacl-engine');
  });

  it('accepts every mapped fixture record (MARC bibliographic and authority)', async () => {
    const { mapper } = await createIngest({ baseIri: BASE });
    const records = [
      ...readMarcFile('traject-test_data.utf8.mrc'),
      ...readMarcFile('marc4j-chabon.mrc'),
      ...readMarcFile('marc21-rs-DUMP.mrc', 'marc21-authority'),
    ];
    for (const rec of records) {
      const mapped = mapper.map(rec, { baseIri: BASE, fileName: 'f.mrc' });
      expect(await validator.validate(mapped), `record ${rec.id}`).toEqual([]);
      if (rec.index % 10 === 1) expect(await reference.validate(mapped), `record ${rec.id}`).toEqual([]);
    }
  });

  it('reports focus node, path and message for a document without title and with a bad ISBN', async () => {
    const work = namedNode(`${BASE}id/work/x-1`);
    const violations = await validator.validate(record([quad(work, T.rdf('type'), T.bibo('Document'), G), quad(work, T.bibo('isbn13'), literal('12345'), G)]));
    expect(violations.sort()).toEqual([
      `${work.value} bibo:isbn13: bibo:isbn13 is 13 digits starting 978/979 (value "12345")`,
      `${work.value} dct:title: a document needs a title (dct:title)`,
    ]);
  });

  it('checks persons, concepts and usage statistics', async () => {
    const person = namedNode(`${BASE}id/person/p`);
    const concept = namedNode(`${BASE}id/concept/c`);
    const usage = namedNode(`${BASE}id/usage/u`);
    const r = record([
      quad(person, T.rdf('type'), T.foaf('Person'), G),
      quad(concept, T.rdf('type'), T.skos('Concept'), G),
      quad(concept, T.skos('prefLabel'), literal('a', 'en'), G),
      quad(concept, T.skos('prefLabel'), literal('b', 'en'), G),
      quad(usage, T.rdf('type'), T.libkg('UsageStatistic'), G),
      quad(usage, T.libkg('usageOf'), person, G),
      quad(usage, T.libkg('metricType'), literal('Total_Item_Requests'), G),
      quad(usage, T.libkg('count'), literal('-3', T.xsd('integer')), G),
      quad(usage, T.libkg('periodStart'), literal('2024-13-01', T.xsd('date')), G),
      quad(usage, T.libkg('usageOf'), literal('not an IRI'), G),
    ]);
    await same(r);
    const violations = await validator.validate(r);
    expect(violations.sort()).toEqual([
      `${concept.value} skos:prefLabel: at most one skos:prefLabel per language`,
      `${person.value}: a person needs foaf:name or libkg:orcid`,
      `${usage.value} libkg:count: libkg:count is one non-negative xsd:integer (value "-3")`,
      `${usage.value} libkg:periodStart: violates sh:DatatypeConstraintComponent (value "2024-13-01")`,
      `${usage.value} libkg:usageOf: a usage statistic names the item counted (libkg:usageOf) (value "not an IRI")`,
    ]);
  });
});
