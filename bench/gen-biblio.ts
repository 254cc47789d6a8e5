/**
 * Deterministic generator of realistic bibliographic N-Quads: one record graph
 * per work with ~25 quads (titles, creators, publisher, ISBN, subjects,
 * abstract of a few hundred characters), shaped like libkg's mapped MARC records.
 * Usage: npx tsx bench/gen-biblio.ts <quads> [file]
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const B = 'http://localhost:8080/';
const DCT = 'http://purl.org/dc/terms/';
const SCHEMA = 'http://schema.org/';
const BIBO = 'http://purl.org/ontology/bibo/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const WORDS =
  'library catalogue knowledge graph history science music theory modern european literature climate water city poetry medicine economy language philosophy ancient art education society network data archive revolution memory'.split(
    ' ',
  );
const GIVEN = ['Anna', 'Jürgen', 'Maria', 'Li', 'José', 'Fatima', 'Olga', 'Kenji', 'Amélie', 'Søren', 'Chidi', 'Priya'];
const FAMILY = ['Müller', 'Smith', 'García', 'Wang', 'Kowalski', 'Nakamura', 'Dubois', 'Ivanova', 'Okafor', 'Sharma', 'Nørgaard', 'Rossi'];

function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

export function* biblioRecords(quads: number, seed = 1): Generator<string> {
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  let emitted = 0;
  for (let i = 0; emitted < quads; i++) {
    const g = `<${B}graph/catalog/bench-${i}>`;
    const w = `<${B}id/work/bench-${i}>`;
    const lines: string[] = [];
    const t = (s: string, p: string, o: string) => lines.push(`${s} <${p}> ${o} ${g} .`);
    t(w, RDF_TYPE, `<${BIBO}Book>`);
    t(w, RDF_TYPE, `<${SCHEMA}Book>`);
    t(w, `${DCT}title`, JSON.stringify(`${words(4)} ${i}`));
    t(w, `${SCHEMA}alternativeHeadline`, JSON.stringify(words(6)));
    t(w, `${DCT}issued`, `"${1900 + Math.floor(r() * 125)}"^^<http://www.w3.org/2001/XMLSchema#gYear>`);
    t(w, `${BIBO}isbn13`, `"978${String(Math.floor(r() * 1e10)).padStart(10, '0')}"`);
    t(w, `${DCT}language`, `<http://id.loc.gov/vocabulary/iso639-2/${pick(['eng', 'ger', 'fre', 'spa', 'jpn'])}>`);
    t(w, `${DCT}abstract`, `${JSON.stringify(`${words(40)}.`)}@en`);
    t(w, `${DCT}extent`, `"${100 + Math.floor(r() * 800)} pages"`);
    for (let c = 0; c < 1 + Math.floor(r() * 3); c++) {
      const pi = Math.floor(r() * quads * 0.02);
      const p = `<${B}id/person/name-bench-${pi}>`;
      t(w, `${DCT}creator`, p);
      t(p, RDF_TYPE, `<${FOAF}Person>`);
      t(p, `${FOAF}name`, JSON.stringify(`${FAMILY[pi % FAMILY.length]}, ${GIVEN[(pi >> 3) % GIVEN.length]} ${pi}`));
    }
    const pub = `<${B}id/org/name-publisher-${Math.floor(r() * 500)}>`;
    t(w, `${DCT}publisher`, pub);
    t(pub, `${FOAF}name`, JSON.stringify(`Publisher ${words(2)}`));
    for (let s = 0; s < 2 + Math.floor(r() * 3); s++) t(w, `${DCT}subject`, `<${B}id/concept/lcsh-${pick(WORDS)}-${Math.floor(r() * 200)}>`);
    t(w, `${SCHEMA}url`, `<https://catalog.example.org/record/${i}>`);
    emitted += lines.length;
    yield `${lines.join('\n')}\n`;
  }
}

export async function writeBiblio(quads: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  for (const chunk of biblioRecords(quads)) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const file = process.argv[3] ?? `bench/data/biblio-${n}.nq`;
  await writeBiblio(n, file);
  console.log(`wrote ~${n} quads to ${file}`);
}
