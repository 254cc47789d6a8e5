/**
 * MARC-8 to Unicode, written here because no maintained npm library does it
 * (see docs in npm-notes §2: the `marc8` package throws on spaces inside
 * Hebrew/Cyrillic/Greek runs, drops C1 and trailing diacritics and does not
 * normalise). The code tables are generated from that package's LC mapping
 * table (tables.generated.ts, eacc.generated.ts); this file is only the ISO 2022 machinery:
 * escape sequences, G0/G1 designation, EACC three-byte codes, moving MARC-8's
 * leading diacritics after their base letter, NCRs and NFC.
 *
 * Checked against marc4j's brkrtest.mrc / brkrtest_UTF8.mrc pair: all 349
 * values are equal after NFC once the OVERRIDES below are applied. Known
 * differences from other converters: marc4j's permissive mode guesses at
 * broken data (a Greek run missing its escape back to ASCII, mangled EACC);
 * here those are errors that name the field. NCRs are expanded only in LC's
 * `&#xHHHH;` form (marc4j loongboonmee.mrc writes `&#x0E25%x;`, left as is).
 */
import { EACC_ENTRIES } from './eacc.generated.js';
import { C1_CONTROLS, SINGLE_BYTE_SETS } from './tables.generated.js';

const ASCII = 0x42;
const ANSEL = 0x45;
const EACC = 0x31;

/** Designations in force; a field starts with ASCII in G0 and ANSEL in G1, and they carry across its subfields. */
export interface Marc8State {
  g0: number;
  g1: number;
}

export const initialMarc8State = (): Marc8State => ({ g0: ASCII, g1: ANSEL });

export class Marc8Error extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'Marc8Error';
  }
}

/**
 * Where the UTF-8 oracle (marc4j brkrtest_UTF8.mrc, i.e. LC's current
 * MARC-8 to Unicode mapping) differs from the package's older table: ALIF is
 * U+02BC, and the ligature / double-tilde pairs are the double diacritics
 * U+0361 / U+0360 written once after the first letter (second halves dropped).
 */
const OVERRIDES = new Map<number, number | null>([
  [0x02be, 0x02bc],
  [0xfe20, 0x0361],
  [0xfe21, null],
  [0xfe22, 0x0360],
  [0xfe23, null],
]);

type Mapping = { cp: number | null; combining: boolean };
const applyOverride = (cp: number): number | null => (OVERRIDES.has(cp) ? (OVERRIDES.get(cp) ?? null) : cp);

const SETS = new Map<number, (Mapping | undefined)[]>();
for (const [final, rows] of Object.entries(SINGLE_BYTE_SETS)) {
  const table: (Mapping | undefined)[] = new Array(128);
  for (const [pos, cp, combining] of rows) table[pos] = { cp: applyOverride(cp), combining: combining === 1 };
  SETS.set(Number(final), table);
}
const C1 = new Map(C1_CONTROLS);
const EACC_TABLE = new Map<number, number>();
for (const line of EACC_ENTRIES)
  for (let i = 0; i + 11 <= line.length; i += 11) EACC_TABLE.set(Number.parseInt(line.slice(i, i + 6), 16), Number.parseInt(line.slice(i + 6, i + 11), 16));

/** Whether the ASCII set maps every printable byte to itself (checked, not assumed, from the generated table). */
const ASCII_IS_IDENTITY = (() => {
  const table = SETS.get(ASCII);
  if (!table) return false;
  for (let b = 0x21; b <= 0x7e; b++) if (table[b]?.cp !== b || table[b]?.combining) return false;
  return true;
})();

/**
 * The text of bytes that are all printable ASCII (0x20-0x7E, no escape), read
 * as a string, when G0 is ASCII: the same as decodeMarc8, without its
 * per-byte table walk. Undefined when another set is designated.
 */
export function decodeMarc8Ascii(text: string, state: Marc8State): string | undefined {
  if (state.g0 !== ASCII || !ASCII_IS_IDENTITY) return undefined;
  return text.includes('&#x') ? expandNcrs(text).normalize('NFC') : text;
}

const isKnownSet = (final: number) => final === EACC || SETS.has(final);
const setName = (final: number) => `0x${final.toString(16)} ('${String.fromCharCode(final)}')`;

/**
 * Reads one escape sequence at `at` (bytes[at] is ESC) and updates the state.
 * Returns the index after it. Forms (LC MARC-8 spec): ESC ( F / ESC , F to G0,
 * ESC ) F / ESC - F to G1, ESC $ F or ESC $ ( F / ESC $ , F for multibyte G0,
 * ESC $ ) F / ESC $ - F for multibyte G1, an optional '!' intermediate (ESC ) ! E),
 * and the technique-1 shortcuts ESC g / b / p (Greek symbols, subscripts,
 * superscripts) and ESC s (back to ASCII).
 */
function readEscape(bytes: Uint8Array, at: number, state: Marc8State): number {
  let j = at + 1;
  const intermediates: number[] = [];
  while (j < bytes.length && bytes[j]! >= 0x20 && bytes[j]! <= 0x2f) intermediates.push(bytes[j++]!);
  const final = bytes[j];
  if (final === undefined || final < 0x30 || final > 0x7e) throw new Marc8Error('incomplete escape sequence', at);
  if (intermediates.length === 0) {
    if (final === 0x73) state.g0 = ASCII;
    else if (final === 0x67 || final === 0x62 || final === 0x70) state.g0 = final;
    else throw new Marc8Error(`unknown escape sequence ESC ${String.fromCharCode(final)}`, at);
    return j + 1;
  }
  let multibyte = false;
  let target: 'g0' | 'g1' = 'g0';
  for (const b of intermediates) {
    if (b === 0x24) multibyte = true;
    else if (b === 0x28 || b === 0x2c) target = 'g0';
    else if (b === 0x29 || b === 0x2d) target = 'g1';
    else if (b !== 0x21) throw new Marc8Error(`unknown escape intermediate 0x${b.toString(16)}`, at);
  }
  if (!isKnownSet(final) || multibyte !== (final === EACC)) throw new Marc8Error(`unknown character set ${setName(final)}`, at);
  state[target] = final;
  return j + 1;
}

/**
 * Decodes one MARC-8 string (a subfield or control field value, no MARC
 * delimiters) to NFC Unicode. Throws Marc8Error for a byte the designated set
 * does not define. `state` is updated so the next subfield of the same field
 * continues with the same designations.
 */
export function decodeMarc8(bytes: Uint8Array, state: Marc8State = initialMarc8State()): string {
  const out: number[] = [];
  let pending: number[] = [];
  let pendingAt = 0;
  const emitBase = (cp: number) => {
    out.push(cp);
    if (pending.length) {
      out.push(...pending);
      pending = [];
    }
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      i = readEscape(bytes, i, state);
      continue;
    }
    // Space is the same in every set, also between EACC characters and inside Hebrew/Cyrillic runs.
    if (b === 0x20) {
      emitBase(0x20);
      i++;
      continue;
    }
    if (b < 0x20 || b === 0x7f) throw new Marc8Error(`control byte 0x${b.toString(16).padStart(2, '0')}`, i);
    if (b >= 0x80 && b < 0xa0) {
      const cp = C1.get(b);
      if (cp === undefined) throw new Marc8Error(`undefined C1 byte 0x${b.toString(16)}`, i);
      out.push(cp);
      i++;
      continue;
    }
    const set = b < 0x80 ? state.g0 : state.g1;
    if (set === EACC) {
      if (i + 3 > bytes.length) throw new Marc8Error('truncated EACC character', i);
      const key = ((bytes[i]! & 0x7f) << 16) | ((bytes[i + 1]! & 0x7f) << 8) | (bytes[i + 2]! & 0x7f);
      const cp = EACC_TABLE.get(key);
      if (cp === undefined) throw new Marc8Error(`undefined EACC code 0x${key.toString(16)}`, i);
      emitBase(cp);
      i += 3;
      continue;
    }
    const m = SETS.get(set)?.[b & 0x7f];
    if (!m) throw new Marc8Error(`byte 0x${b.toString(16)} undefined in character set ${setName(set)}`, i);
    if (m.cp !== null) {
      if (m.combining) {
        if (!pending.length) pendingAt = i;
        pending.push(m.cp);
      } else emitBase(m.cp);
    }
    i++;
  }
  // MARC-8 puts a diacritic before its letter; one with no letter after it would attach to the wrong one in Unicode.
  if (pending.length) throw new Marc8Error('diacritic with no letter after it', pendingAt);
  let text = '';
  for (let k = 0; k < out.length; k += 4096) text += String.fromCodePoint(...out.slice(k, k + 4096));
  return expandNcrs(text).normalize('NFC');
}

/** LC's lossless convention: characters outside MARC-8 are written as hex NCRs (&#x0E25;). */
function expandNcrs(text: string): string {
  if (!text.includes('&#x')) return text;
  return text.replace(/&#x([0-9A-Fa-f]{1,6});/g, (whole, hexDigits: string) => {
    const cp = Number.parseInt(hexDigits, 16);
    return cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}
