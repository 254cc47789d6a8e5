/**
 * Synthetic persons for the link benchmark: a catalogue side and an authority side that
 * name the same people differently, as real sources do: initials, dropped or
 * transliterated diacritics, typos, "Surname, Given" order, missing birth years.
 * Seeded: the same seed gives the same persons.
 */
import type { LinkEntity } from '../src/links/engine/index.js';
import { prng } from '../test/helpers/prng.js';

const GIVEN = (
  'Johann Wolfgang Anna Maria Jürgen Ümit Zoë Søren Łucja Dvořák Ágnes José François Hélène Björn Åsa Jiří Ondřej Małgorzata Çağla Ivan Olga Dmitri Sergei ' +
  'Natalia Yuki Hiroshi Mei Wei Li Aisha Fatima Omar Ahmed Kwame Amara Chinedu John Mary James Patricia Robert Jennifer Michael Linda William Elizabeth ' +
  'David Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra ' +
  'Paul Ashley Steven Kimberly Andrew Emily Kenneth Donna Joshua Michelle Kevin Dorothy Brian Carol George Amanda Edward Melissa Ronald Deborah ' +
  'Klaus Uwe Dieter Günter Jörg Käthe Hans Peter Heinz Helga Ingrid Renée Noël Chloé Raphaël Inès Matías Sebastián Lucía Martín Tomás'
).split(' ');
const SURNAME_PARTS =
  'mül ler schmi dt schnei der fi scher we ber mey er wag ner be cker schulz hoff mann dvo řák no vák svo bo da łu ka sie wicz gar cía fer nán dez øster gaard jür gens šim ek çe tin te mel ko wal ski ni el sen ber g hansen pet ro vić yama moto tana ka chen wang rah man okon kwo'.split(
    ' ',
  );

/** Index 0 is the most common name (about 1/√n of all), with a long tail of rare ones, as in real name lists. */
function skewed(rand: () => number, n: number): number {
  return Math.floor(n * rand() ** 2);
}

const TRANSLIT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ü: 'Ue', ß: 'ss', ø: 'oe', å: 'aa', ł: 'l', ř: 'rz', š: 'sh', ç: 'c', ć: 'c' };

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łøŁØ]/g, (c) => ({ ł: 'l', ø: 'o', Ł: 'L', Ø: 'O' })[c] ?? c);
}

function typo(rand: () => number, s: string): string {
  if (s.length < 3) return s;
  const i = 1 + Math.floor(rand() * (s.length - 1));
  const kind = rand();
  if (kind < 0.33) return s.slice(0, i) + s.slice(i + 1);
  if (kind < 0.66 && i < s.length - 1) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  return s.slice(0, i) + 'aeiourstn'[Math.floor(rand() * 9)] + s.slice(i + 1);
}

export interface PersonPair {
  catalogue: LinkEntity[];
  authority: LinkEntity[];
}

export function generatePersons(n: number, seed = 13): PersonPair {
  const rand = prng(seed);
  const surnames = Array.from({ length: Math.max(100, Math.floor(n / 2)) }, () => {
    const parts = 2 + Math.floor(rand() * 2);
    const s = Array.from({ length: parts }, () => SURNAME_PARTS[Math.floor(rand() * SURNAME_PARTS.length)]).join('');
    return s[0]!.toUpperCase() + s.slice(1);
  });
  const catalogue: LinkEntity[] = [];
  const authority: LinkEntity[] = [];
  for (let i = 0; i < n; i++) {
    const given = GIVEN[skewed(rand, GIVEN.length)]!;
    const middle = rand() < 0.3 ? GIVEN[skewed(rand, GIVEN.length)]! : '';
    const surname = surnames[skewed(rand, surnames.length)]!;
    const year = String(1900 + Math.floor(rand() * 100));
    catalogue.push({ iri: `cat:${i}`, id: String(i), values: { name: [[given, middle, surname].filter(Boolean).join(' ')], born: [year] } });

    let g = given;
    let m = middle;
    let s = surname;
    if (rand() < 0.25) [g, m] = [`${g[0]}.`, m ? `${m[0]}.` : ''];
    const script = rand();
    if (script < 0.3) [g, m, s] = [fold(g), fold(m), fold(s)];
    else if (script < 0.4) [g, m, s] = [g, m, s].map((x) => x.replace(/[äöüÜßøåłřšçć]/g, (c) => TRANSLIT[c] ?? c)) as [string, string, string];
    if (rand() < 0.1) s = typo(rand, s);
    if (rand() < 0.05) g = typo(rand, g);
    const name = rand() < 0.4 ? `${s}, ${[g, m].filter(Boolean).join(' ')}` : [g, m, s].filter(Boolean).join(' ');
    authority.push({ iri: `aut:${i}`, id: String(i), values: { name: [name], ...(rand() < 0.7 ? { born: [year] } : {}) } });
  }
  // The authority file lists people in its own order.
  for (let i = authority.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [authority[i], authority[j]] = [authority[j]!, authority[i]!];
  }
  return { catalogue, authority };
}
