import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/pipeline.js';
import { createIngest } from '../../src/ingest/setup.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HEADER = '"id","title","authors","venue","year"\n';
let s: TestServer;
let dir: string;
type Row = Record<string, { value: string } | undefined>;

async function select(query: string): Promise<Row[]> {
  const r = await s.store.query(query);
  return JSON.parse(r.body).results.bindings;
}

beforeAll(async () => {
  s = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'libkg-table-'));
  writeFileSync(
    join(dir, 'DBLP2.csv'),
    `${HEADER}"conf/x/A01","Ünïcode Titles","José Núñez, Ann Lee","VLDB",2001\n"journals/y/B02","Second","Ann Lee","SIGMOD Record",1999\n`,
  );
  // Latin-1 bytes: é is 0xE9, not valid UTF-8.
  writeFileSync(join(dir, 'ACM.csv'), Buffer.from(`${HEADER}17,"Caf\u00e9 queries","Jos\u00e9 N\u00fa\u00f1ez; Bob Roe","",2001\n`, 'latin1'));
  const summary = await importPaths(s.store, [join(dir, 'DBLP2.csv'), join(dir, 'ACM.csv')], {
    baseIri: s.config.baseIri,
    format: 'table',
    mapping: 'bibliographic-table',
    ...(await createIngest({ baseIri: s.config.baseIri })),
  });
  expect(summary.rejections).toEqual([]);
  expect(summary.written).toBe(3);
}, 60_000);
afterAll(() => s.close());

describe('bibliographic tables (mappings/bibliographic-table.yaml)', () => {
  it('mints record IRIs from the file name and the id, with title, id and year', async () => {
    const base = s.config.baseIri;
    const rows = await select(`SELECT ?w ?title ?id ?year ?g WHERE { GRAPH ?g { ?w a <http://purl.org/ontology/bibo/Document> ;
      <http://purl.org/dc/terms/title> ?title ; <http://purl.org/dc/terms/identifier> ?id ; <http://purl.org/dc/terms/issued> ?year } } ORDER BY ?id`);
    expect(rows.map((r) => [r.w?.value, r.g?.value, r.title?.value, r.id?.value, r.year?.value])).toEqual([
      [`${base}id/table/ACM/17`, `${base}graph/table/ACM/17`, 'Café queries', '17', '2001'],
      [`${base}id/table/DBLP2/conf/x/A01`, `${base}graph/table/DBLP2/conf/x/A01`, 'Ünïcode Titles', 'conf/x/A01', '2001'],
      [`${base}id/table/DBLP2/journals/y/B02`, `${base}graph/table/DBLP2/journals/y/B02`, 'Second', 'journals/y/B02', '1999'],
    ]);
  });

  it('detects Latin-1 and makes authors and venues entities shared across rows and tables', async () => {
    const authors = await select(`SELECT ?p ?name (COUNT(DISTINCT ?w) AS ?works) WHERE { ?w <http://purl.org/dc/terms/creator> ?p .
      ?p <http://xmlns.com/foaf/0.1/name> ?name } GROUP BY ?p ?name ORDER BY ?name`);
    expect(authors.map((r) => [r.name?.value, Number(r.works?.value)])).toEqual([
      ['Ann Lee', 2],
      ['Bob Roe', 1],
      ['José Núñez', 2],
    ]);
    const venues = await select(
      `SELECT ?v ?title WHERE { ?w <http://purl.org/dc/terms/isPartOf> ?v . ?v <http://purl.org/dc/terms/title> ?title } ORDER BY ?title`,
    );
    expect(venues.map((r) => r.title?.value)).toEqual(['SIGMOD Record', 'VLDB']);
  });
});
