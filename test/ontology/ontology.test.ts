import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import N3 from 'n3';
import * as oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { NS, PREFIXES } from '../../src/vocab.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ontologyText = readFileSync(`${root}ontology/libkg.ttl`, 'utf8');
const RDF_TYPE = NS.rdf('type');

describe('ontology/libkg.ttl', () => {
  const quads = new N3.Parser({ format: 'text/turtle' }).parse(ontologyText);
  const store = new N3.Store(quads);

  it('parses with n3 and with oxigraph to the same number of triples', () => {
    const ox = new oxigraph.Store();
    ox.load(ontologyText, { format: 'text/turtle' });
    expect(ox.size).toBe(quads.length);
    expect(quads.length).toBeGreaterThan(150);
  });

  it('is an owl:Ontology with a version', () => {
    const onto = store.getSubjects(RDF_TYPE, NS.owl('Ontology'), null);
    expect(onto.map((t) => t.value)).toEqual(['https://w3id.org/libkg/ontology']);
    expect(store.getObjects(onto[0] as N3.Term, NS.owl('versionInfo'), null)).toHaveLength(1);
  });

  it('gives every libkg class and property a label, a comment and a type', () => {
    const terms = new Set(quads.filter((q) => q.subject.value.startsWith(PREFIXES.libkg)).map((q) => q.subject.value));
    expect(terms.size).toBeGreaterThan(30);
    for (const t of terms) {
      const types = store.getObjects(t, RDF_TYPE, null).map((o) => o.value);
      expect(
        types.some((x) => [NS.owl('Class'), NS.owl('ObjectProperty'), NS.owl('DatatypeProperty')].includes(x)),
        t,
      ).toBe(true);
      expect(store.getObjects(t, NS.rdfs('label'), null).length, `${t} label`).toBeGreaterThan(0);
      expect(store.getObjects(t, NS.rdfs('comment'), null).length, `${t} comment`).toBeGreaterThan(0);
    }
  });

  it('defines every libkg term the mappings use', () => {
    const defined = new Set(store.getSubjects(RDF_TYPE, null, null).map((t) => t.value));
    const used = new Set<string>();
    for (const f of readdirSync(`${root}mappings`).filter((n) => n.endsWith('.yaml'))) {
      for (const m of readFileSync(`${root}mappings/${f}`, 'utf8').matchAll(/\blibkg:([A-Za-z]+)/g)) used.add(NS.libkg(m[1] as string));
    }
    expect([...used].filter((u) => !defined.has(u))).toEqual([]);
  });
});
