/**
 * Deterministic SP2Bench-style bibliographic data (works, authors, venues,
 * years, citations) as N-Triples. Follows the shape of the SP2Bench generator
 * (DBLP-like growth per year, journals and proceedings per year, Paul Erdoes
 * with ten papers a year 1940-1996, unique person names, preferential
 * attachment for authors and citations) in a few dozen lines instead of the
 * original C++ tool, using libkg's vocabulary (vocab.ts).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { prng } from '../../src/prng.js';
import { BASE, V } from './vocab.js';

export interface GenMeta {
  triples: number;
  documents: number;
  persons: number;
  firstYear: number;
  lastYear: number;
  /** The most cited work (library query: works citing a work). */
  popularWork: string;
  /** A work with three authors (library query: authors of a work). */
  sampleWork: string;
}

const FIRST =
  'Ada Alan Barbara Claude Donald Edsger Frances Grace Hedy Ian Jean John Karen Leslie Margaret Niklaus Ole Peter Radia Robin Shafi Tim Tony Ursula Vint Whitfield Yann Zoe Adele Ben Carl Dana Eve Fred Gina Hans Ida Jim Kurt Lena Max Nora Otto Paula Quinn Rosa Sam Tara Uwe Vera Walt Xena Yuri Zack Anna Bruno Cleo Dirk Elsa Finn'.split(
    ' ',
  );
const LAST =
  'Lovelace Turing Liskov Shannon Knuth Dijkstra Allen Hopper Lamarr Foster Sammet McCarthy Jones Lamport Hamilton Wirth Dahl Naur Perlman Milner Goldwasser Berners-Lee Hoare LeGuin Cerf Diffie LeCun Smith Goldberg Baker Carter Dunn Evans Fisher Gray Hall Irwin Jensen Klein Lang Moore Nash Olsen Price Quist Reed Stone Taylor Ulrich Vogel Walsh Young Zimmer Abbott Brandt Cole Dietz Engel Frank Graf Hahn Ito Jung Kraus Lutz Meyer Neumann Ott Pohl Roth Sauer Thiel Ungar Voss Weber Xu Yildiz Zeller'.split(
    ' ',
  );
const WORDS =
  'data graph query index library catalog semantic linked web retrieval model theory analysis system logic network ontology metadata search ranking citation author journal learning algebra structure optimization parallel distributed storage language schema mapping integration provenance evaluation benchmark scalable efficient formal'.split(
    ' ',
  );

const iri = (s: string) => `<${s}>`;
const lit = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const int = (n: number) => `"${n}"^^<${V.integer}>`;
const work = (id: number) => `${BASE}work/w${id}`;
const person = (id: number) => (id === 0 ? `${BASE}person/Paul_Erdoes` : `${BASE}person/p${id}`);
const journal = (y: number, j: number) => `${BASE}venue/journal${j}-${y}`;
const proceedings = (y: number, p: number) => `${BASE}venue/proc${p}-${y}`;

/** Writes about `target` triples to `path`; the same target always gives the same file. */
export async function generate(path: string, target: number, seed = 20261125): Promise<GenMeta> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const out = createWriteStream(path);
  let lines: string[] = [];
  let triples = 0;
  const t = (s: string, p: string, o: string) => {
    lines.push(`${iri(s)} ${iri(p)} ${o} .`);
    triples++;
  };
  const flush = async () => {
    if (!lines.length) return;
    const ok = out.write(`${lines.join('\n')}\n`);
    lines = [];
    if (!ok) await once(out, 'drain');
  };

  for (const c of [V.Article, V.Inproceedings, V.Book, V.Thesis, V.Journal, V.Proceedings]) t(c, V.subClassOf, iri(V.Document));

  let persons = 0;
  const newPerson = (): number => {
    const id = ++persons;
    const name = `${FIRST[id % FIRST.length]} ${LAST[Math.floor(id / FIRST.length) % LAST.length]}${id >= FIRST.length * LAST.length ? ` ${Math.floor(id / (FIRST.length * LAST.length)) + 1}` : ''}`;
    t(person(id), V.type, iri(V.Person));
    t(person(id), V.name, lit(name));
    return id;
  };
  t(person(0), V.type, iri(V.Person));
  t(person(0), V.name, lit('Paul Erdoes'));

  const authorships: number[] = []; // one entry per authorship: picking from it favours prolific authors
  const citedTargets: number[] = []; // one entry per citation: picking from it favours cited works
  const citedCount = new Map<number, number>();
  let docs = 0;
  let sampleWork = -1;
  const firstYear = 1936;
  let year = firstYear;

  for (; triples < target; year++) {
    const n = Math.round(15 * 1.12 ** (year - firstYear));
    const nJournals = Math.max(1, Math.ceil((n * 0.45) / 50));
    const nProcs = Math.max(1, Math.ceil((n * 0.45) / 40));
    for (let j = 1; j <= nJournals; j++) {
      t(journal(year, j), V.type, iri(V.Journal));
      t(journal(year, j), V.title, lit(`Journal ${j} (${year})`));
      t(journal(year, j), V.issued, int(year));
    }
    for (let p = 1; p <= nProcs; p++) {
      const s = proceedings(year, p);
      t(s, V.type, iri(V.Proceedings));
      t(s, V.title, lit(`Proceedings of Conference ${p} (${year})`));
      t(s, V.issued, int(year));
      t(s, V.editor, iri(person(authorships.length && rnd() < 0.7 ? pick(authorships) : newPerson())));
      t(s, V.publisher, iri(`${BASE}publisher/${1 + Math.floor(rnd() * 20)}`));
      t(s, V.isbn, lit(`978-${year}-${p}`));
      t(s, V.seeAlso, iri(`${BASE}ee/proc${p}-${year}`));
    }
    let erdoesPapers = year >= 1940 && year <= 1996 ? 10 : 0;
    for (let i = 0; i < n && triples < target; i++) {
      const id = docs++;
      const s = work(id);
      const r = rnd();
      const kind = r < 0.45 ? 'article' : r < 0.9 ? 'inproc' : r < 0.95 ? 'book' : 'thesis';
      const cls = { article: V.Article, inproc: V.Inproceedings, book: V.Book, thesis: V.Thesis }[kind];
      t(s, V.type, iri(cls));
      t(s, V.title, lit(`${words(3 + Math.floor(rnd() * 5))} (${id})`));
      t(s, V.issued, int(year));
      const authors = new Set<number>();
      const k = kind === 'thesis' ? 1 : 1 + (rnd() < 0.65 ? 1 : 0) + (rnd() < 0.35 ? 1 : 0) + (rnd() < 0.15 ? 1 : 0);
      while (authors.size < k) authors.add(authorships.length && rnd() < 0.65 ? pick(authorships) : newPerson());
      if (erdoesPapers > 0 && kind !== 'thesis') {
        authors.add(0);
        erdoesPapers--;
      }
      for (const a of authors) {
        t(s, V.creator, iri(person(a)));
        authorships.push(a);
      }
      if (sampleWork < 0 && authors.size === 3 && year >= firstYear + 20) sampleWork = id;
      if (kind === 'article' || kind === 'inproc') {
        const first = 1 + Math.floor(rnd() * 300);
        if (rnd() < 0.9) t(s, V.pages, lit(`${first}--${first + 5 + Math.floor(rnd() * 20)}`));
      }
      if (kind === 'article') {
        t(s, V.partOf, iri(journal(year, 1 + Math.floor(rnd() * nJournals))));
        if (rnd() < 0.6) t(s, V.volume, lit(String(1 + year - firstYear)));
      } else if (kind === 'inproc') {
        const p = 1 + Math.floor(rnd() * nProcs);
        t(s, V.partOf, iri(proceedings(year, p)));
        t(s, V.shortTitle, lit(`Conf${p} '${String(year).slice(2)}`));
      } else if (kind === 'book') {
        t(s, V.publisher, iri(`${BASE}publisher/${1 + Math.floor(rnd() * 20)}`));
        t(s, V.isbn, lit(`978-${id}`));
      }
      if (rnd() < 0.5) t(s, V.seeAlso, iri(`${BASE}ee/w${id}`));
      if (rnd() < 0.3) t(s, V.homepage, iri(`${BASE}home/w${id}`));
      if (rnd() < 0.04) t(s, V.abstract, lit(words(60 + Math.floor(rnd() * 80))));
      if (id > 10 && rnd() < 0.35) {
        const cites = new Set<number>();
        const m = 1 + Math.floor(rnd() * 9);
        for (let c = 0; c < m; c++) cites.add(citedTargets.length && rnd() < 0.6 ? pick(citedTargets) : Math.floor(rnd() * (id - 1)));
        for (const c of cites) {
          t(s, V.cites, iri(work(c)));
          citedTargets.push(c);
          citedCount.set(c, (citedCount.get(c) ?? 0) + 1);
        }
      }
      if (lines.length >= 20_000) await flush();
    }
  }
  await flush();
  out.end();
  await once(out, 'finish');
  let popular = 0;
  for (const [w, c] of citedCount) if (c > (citedCount.get(popular) ?? 0)) popular = w;
  return {
    triples,
    documents: docs,
    persons: persons + 1,
    firstYear,
    lastYear: year - 1,
    popularWork: work(popular),
    sampleWork: work(Math.max(sampleWork, 0)),
  };
}
