import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as RDF from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileMapping, type MappingSpec } from '../../../src/ingest/mapping/compile.js';
import { loadMappingFile } from '../../../src/ingest/mapping/load.js';
import { trimIsbd } from '../../../src/ingest/mapping/transforms.js';

const BASE = 'http://lib.example/';
const map = (yaml: string, data: unknown, id?: string) =>
  compileMapping(parse(yaml) as MappingSpec)({ data, index: 7, id, fileName: 'in.json', baseIri: BASE });
const objects = (quads: RDF.Quad[], s: string, p: string) =>
  quads
    .filter((q) => q.subject.value === s && q.predicate.value === p)
    .map((q) => (q.object.termType === 'Literal' && q.object.language ? `${q.object.value}@${q.object.language}` : q.object.value));

const marcRecord = {
  leader: '00000nam a2200000 a 4500',
  fields: [
    { tag: '001', value: ' 123 ' },
    { tag: '008', value: '970101s1997    ja            000 0 jpn d' },
    {
      tag: '100',
      ind1: '1',
      ind2: ' ',
      subfields: [
        { code: '6', value: '880-01' },
        { code: 'a', value: 'Yoshida, Hajime,' },
        { code: 'e', value: 'author.' },
      ],
    },
    {
      tag: '245',
      ind1: '1',
      ind2: '0',
      subfields: [
        { code: '6', value: '880-02' },
        { code: 'a', value: 'Title :' },
        { code: 'b', value: 'sub /' },
        { code: 'c', value: 'X.' },
      ],
    },
    {
      tag: '700',
      ind1: '1',
      ind2: ' ',
      subfields: [
        { code: 'a', value: 'Other, Ann.' },
        { code: '4', value: 'edt' },
      ],
    },
    {
      tag: '880',
      ind1: '1',
      ind2: ' ',
      subfields: [
        { code: '6', value: '100-01/$1' },
        { code: 'a', value: '吉田一,' },
      ],
    },
    {
      tag: '880',
      ind1: '1',
      ind2: '0',
      subfields: [
        { code: '6', value: '245-02/$1' },
        { code: 'a', value: '題名 :' },
        { code: 'b', value: '副題 /' },
      ],
    },
  ],
};

const MARC_MAPPING = `
mapping: t
version: 2
prefixes: { marcrel: "http://id.loc.gov/vocabulary/relators/" }
let:
  cn: { marc: "001", transform: trim }
  doi: { marc: "024[ind1=7][$2=doi]$a", transform: doi }
graph: ["graph/catalog/{doi}", "graph/catalog/x-{cn}"]
entities:
  work:
    iri: ["id/doi/{doi}", "id/work/x-{cn}"]
    types: [bibo:Document, { type: bibo:Book, when: { marc: "LDR/06-07", in: [am] } }, { type: bibo:Periodical, when: { marc: "LDR/07", equals: s } }]
    properties:
      - { p: dct:title, marc: "245$ab", transform: trim-isbd }
      - { p: dct:title, marc: "880[$6^=245]$ab", transform: trim-isbd, lang: { marc: "$6", transform: marc-880-language } }
      - { p: bf:mainTitle, marc: "245$ab", split: true, transform: trim-isbd }
      - { p: dct:language, marc: "008/35-37", iri: "http://id.loc.gov/vocabulary/languages/{value}" }
      - { p: dct:issued, marc: "008/07-10", datatype: xsd:gYear }
  person:
    each: { marc: "100|700" }
    when: { marc: "tag[ind1=0|1]", in: ["100", "700"] }
    let: { name: { marc: "$a", transform: trim-isbd } }
    iri: id/person/name-{name|slug}
    types: [foaf:Person]
    properties:
      - { p: foaf:name, template: "{name}" }
      - { p: foaf:name, marc: "880[linked]$a", transform: trim-isbd, lang: { marc: "$6", transform: marc-880-language } }
      - { p: dct:creator, link: work, inverse: true, when: { marc: tag, equals: "100" } }
  role:
    each: { marc: "100|700" }
    iri: "{@work}#c{index}"
    properties:
      - { p: bf:agent, link: person }
      - { p: bf:role, marc: "$4|$e", transform: relator-code, iri: "marcrel:{value}" }
`;

describe('mapping engine on MARC records', () => {
  const r = map(MARC_MAPPING, marcRecord, '123');
  const work = `${BASE}id/work/x-123`;

  it('falls back along the IRI chain and names the record graph', () => {
    expect(r.graph).toBe(`${BASE}graph/catalog/x-123`);
    expect(r.quads.every((q) => q.graph.value === r.graph)).toBe(true);
    expect(objects(r.quads, work, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type').sort()).toEqual([
      'http://purl.org/ontology/bibo/Book',
      'http://purl.org/ontology/bibo/Document',
    ]);
  });

  it('joins subfields, splits them on request, trims ISBD punctuation and tags 880 parallels', () => {
    expect(objects(r.quads, work, 'http://purl.org/dc/terms/title').sort()).toEqual(['Title : sub', '題名 : 副題@ja-jpan']);
    expect(objects(r.quads, work, 'http://id.loc.gov/ontologies/bibframe/mainTitle').sort()).toEqual(['Title', 'sub']);
    expect(objects(r.quads, work, 'http://purl.org/dc/terms/language')).toEqual(['http://id.loc.gov/vocabulary/languages/jpn']);
    const issued = r.quads.find((q) => q.predicate.value === 'http://purl.org/dc/terms/issued')?.object as RDF.Literal;
    expect([issued.value, issued.datatype.value]).toEqual(['1997', 'http://www.w3.org/2001/XMLSchema#gYear']);
  });

  it('makes one entity per repeated field and links element by element', () => {
    const yoshida = `${BASE}id/person/name-yoshida-hajime`;
    const other = `${BASE}id/person/name-other-ann`;
    expect(objects(r.quads, yoshida, 'http://xmlns.com/foaf/0.1/name').sort()).toEqual(['Yoshida, Hajime', '吉田一@ja-jpan']);
    expect(objects(r.quads, work, 'http://purl.org/dc/terms/creator')).toEqual([yoshida]);
    expect(objects(r.quads, `${work}#c1`, 'http://id.loc.gov/ontologies/bibframe/agent')).toEqual([yoshida]);
    expect(objects(r.quads, `${work}#c2`, 'http://id.loc.gov/ontologies/bibframe/agent')).toEqual([other]);
    expect(objects(r.quads, `${work}#c1`, 'http://id.loc.gov/ontologies/bibframe/role')).toEqual(['http://id.loc.gov/vocabulary/relators/aut']);
    expect(objects(r.quads, `${work}#c2`, 'http://id.loc.gov/ontologies/bibframe/role')).toEqual(['http://id.loc.gov/vocabulary/relators/edt']);
    // 700 ind1 3 (a family) makes no person, so its contribution has no agent
    expect(objects(r.quads, `${work}#c3`, 'http://id.loc.gov/ontologies/bibframe/agent')).toEqual([]);
    expect(r.quads.some((q) => q.subject.value === `${BASE}id/person/name-family`)).toBe(false);
  });

  it('adds stable provenance only, and typed entities as focus nodes', () => {
    const prov = objects(r.quads, r.graph, 'http://www.w3.org/ns/prov#wasDerivedFrom');
    expect(prov).toEqual([`${BASE}source/in.json`]);
    expect(objects(r.quads, r.graph, 'https://w3id.org/libkg/ontology#mappingVersion')).toEqual(['2']);
    expect(r.quads.some((q) => /time/i.test(q.predicate.value))).toBe(false);
    expect(r.focus?.map((f) => f.value).sort()).toEqual([`${BASE}id/person/name-other-ann`, `${BASE}id/person/name-yoshida-hajime`, work]);
  });

  it('uses the DOI when there is one', () => {
    const withDoi = {
      ...marcRecord,
      fields: [
        ...marcRecord.fields,
        {
          tag: '024',
          ind1: '7',
          ind2: ' ',
          subfields: [
            { code: 'a', value: 'https://doi.org/10.1000/ABC' },
            { code: '2', value: 'doi' },
          ],
        },
      ],
    };
    const d = map(MARC_MAPPING, withDoi);
    expect(d.graph).toBe(`${BASE}graph/catalog/10.1000/abc`);
    expect(d.quads.some((q) => q.subject.value === `${BASE}id/doi/10.1000/abc`)).toBe(true);
  });
});

describe('mapping engine on plain objects', () => {
  const yaml = `
mapping: t
version: 1
let: { doi: { path: "identifier.value", transform: doi } }
graph: graph/datacite/{doi}
entities:
  dataset:
    iri: id/doi/{doi}
    types: [dcat:Dataset]
    properties:
      - { p: dct:title, path: "titles[].title", lang: { path: "lang" } }
      - { p: dct:issued, path: publicationYear, datatype: xsd:gYear }
  creator:
    each: { path: "creators[]" }
    let:
      orcid: { path: "nameIdentifiers[?nameIdentifierScheme=ORCID].nameIdentifier", transform: orcid }
      name: { path: name }
    iri: ["id/person/orcid-{orcid}", "id/person/name-{name|slug}"]
    when: { path: name }
    types: [foaf:Person]
    properties:
      - { p: foaf:name, template: "{name}" }
      - { p: dct:creator, link: dataset, inverse: true }
`;
  const data = {
    identifier: { value: 'https://doi.org/10.5281/zenodo.1' },
    titles: [
      { title: 'Data', lang: 'en' },
      { title: 'Daten', lang: 'de' },
      { title: 'Dati', lang: 'it_IT' },
      { title: 'Datos', lang: 'not a tag' },
    ],
    publicationYear: 2021,
    creators: [
      { name: 'Ada', nameIdentifiers: [{ nameIdentifier: 'https://orcid.org/0000-0002-1825-0097', nameIdentifierScheme: 'ORCID' }] },
      { name: 'Bob', nameIdentifiers: { nameIdentifier: 'x', nameIdentifierScheme: 'ISNI' } },
      { nameIdentifiers: [] },
    ],
  };
  const r = map(yaml, data);
  const ds = `${BASE}id/doi/10.5281/zenodo.1`;

  it('follows dotted paths, arrays, filters and per-element language', () => {
    expect(objects(r.quads, ds, 'http://purl.org/dc/terms/title').sort()).toEqual(['Data@en', 'Daten@de', 'Dati@it-it', 'Datos']);
    expect(objects(r.quads, ds, 'http://purl.org/dc/terms/issued')).toEqual(['2021']);
    expect(objects(r.quads, ds, 'http://purl.org/dc/terms/creator')).toEqual([`${BASE}id/person/orcid-0000-0002-1825-0097`, `${BASE}id/person/name-bob`]);
  });
});

describe('transforms', () => {
  it('trims ISBD punctuation but keeps abbreviations and initials', () => {
    expect(trimIsbd('The amazing adventures of Kavalier and Clay :')).toBe('The amazing adventures of Kavalier and Clay');
    expect(trimIsbd('Chabon, Michael.')).toBe('Chabon, Michael');
    expect(trimIsbd('Smith, J.')).toBe('Smith, J.');
    expect(trimIsbd('[s.n.],')).toBe('s.n.');
    expect(trimIsbd('\u200fנקדי :\u200f')).toBe('נקדי');
  });
});

describe('docs/mapping-format.md', () => {
  it('has a complete example that loads and maps a record', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/mapping-format.md', import.meta.url)), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] as string;
    const r = map(example, marcRecord, '123');
    expect(r.graph).toBe(`${BASE}graph/catalog/local-123`);
    expect(objects(r.quads, `${BASE}id/work/local-123`, 'http://purl.org/dc/terms/title').sort()).toEqual(['Title : sub', '題名 : 副題@ja-jpan']);
  });
});

describe('loading mapping files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-map-'));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const bad = (text: string) => () => loadMappingFile(write('bad.yaml', text));

  it('names the file and the rule in errors', () => {
    const head = 'mapping: bad\nversion: 1\ngraph: g/{x}\nlet: { x: { const: a } }\nentities:\n  w:\n    iri: id/{x}\n';
    expect(bad(`${head}    properties:\n      - { p: dct:title, marc: "245$a", transform: slugg }\n`)).toThrow(
      'mappings/bad.yaml: entities.w.properties[0]: unknown transform "slugg"',
    );
    expect(bad(`${head}    properties:\n      - { p: nope:title, const: a }\n`)).toThrow(/entities\.w\.properties\[0\]: unknown prefix "nope"/);
    expect(bad(`${head}    properties:\n      - { p: dct:title, link: nobody }\n`)).toThrow(/link to unknown entity "nobody"/);
    expect(bad(`${head}    properties:\n      - { p: dct:title, marc: "24$a" }\n`)).toThrow(/bad MARC selector "24\$a"/);
    expect(bad(`${head}    iri2: x\n`)).toThrow(/entities\.w: unknown key "iri2"/);
    expect(bad(head.replace('id/{x}', 'id/{y}'))).toThrow(/entities\.w\.iri: unknown variable "y"/);
    expect(bad(head.replace('mapping: bad', 'mapping: other'))).toThrow(/must equal the file name/);
    expect(bad('mapping: [')).toThrow(/mappings\/bad.yaml: not valid YAML/);
  });
});
