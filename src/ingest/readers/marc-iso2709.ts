/**
 * ISO 2709 (binary MARC 21) reader, UTF-8 (leader/09 'a') and MARC-8 (' ').
 *
 * Why the record structure is read here and not by @natlibfi's ISO2709.from
 * (the library the npm notes point to; it stays in the tests as an oracle
 * that must agree field for field on every UTF-8 sample):
 * - it cannot read MARC-8: it re-encodes its input string as UTF-8 to find
 *   byte offsets, so any byte above 0x7F shifts every later field;
 * - it checks neither leader nor directory (a bad directory gives garbage or a
 *   TypeError with no record number) and accepts a 3-byte subfield code;
 * - it reads the stray byte some LC records have before a field's first
 *   subfield (pymarc regression45) as a subfield, and then takes the previous
 *   field's last character as indicator 1;
 * - it is slow: `npx tsx bench/marc-read.ts --compare` read 201 records/s with
 *   it against 21,751 records/s here (its UTF-8 substring re-encodes the whole
 *   record per field, and every record goes through a JSON-schema validation).
 * The walk below is the ISO 2709 directory rule and nothing more; character
 * decoding is TextDecoder (UTF-8) or marc8/decode.ts.
 */
import type { Readable } from 'node:stream';
import type { Reader, ReaderContext, ReadItem, RecordKind } from '../types.js';
import { decodeMarc8, decodeMarc8Ascii, initialMarc8State, Marc8Error, type Marc8State } from './marc8/decode.js';

/** A MARC field as the mappings see it: control fields (001-009) have `value`, data fields have subfields. */
export type MarcField = { tag: string; value: string } | { tag: string; ind1: string; ind2: string; subfields: { code: string; value: string }[] };

/** `SourceRecord.data` of MARC records (catalog and authority), all text NFC Unicode, empty subfields dropped. */
export interface MarcData {
  leader: string;
  fields: MarcField[];
}

const HOLDINGS = new Set(['u', 'v', 'x', 'y']);
const RECORD_TERMINATOR = 0x1d;
const FIELD_TERMINATOR = 0x1e;
const SUBFIELD_DELIMITER = 0x1f;
/** ISO 2709 caps a record at 99,999 bytes; this far past it without a terminator, the bytes are skipped. */
const MAX_RECORD_BYTES = 1 << 20;

/** `SourceRecord.original` format of a record kept as its ISO 2709 bytes: the mapping name plus this. */
export const ISO2709_ORIGINAL = '+iso2709';

/**
 * The item a parsed MARC record becomes: a catalog (MARC 21 or UNIMARC), holdings or authority record,
 * or a failure for a UNIMARC authority record. `bytes` (ISO 2709, without the terminator) become the
 * record's original: one latin1 character per byte keeps MARC-8 and UTF-8 bytes exact in a text
 * column, and costs a copy where JSON of `data` cost a serialization and twice the bytes.
 */
export function marcItem(index: number, data: MarcData, bytes?: Buffer): ReadItem {
  const control = data.fields.find((f) => f.tag === '001');
  const id = control && 'value' in control ? control.value.trim() || undefined : undefined;
  const type = data.leader[6] ?? ' ';
  const route = routeOf(type, data);
  if (typeof route === 'string') return { failure: { index, ...(id ? { id } : {}), reason: route } };
  const original = bytes ? { original: { format: route.mapping + ISO2709_ORIGINAL, body: bytes.toString('latin1') } } : {};
  return { record: { index, ...(id ? { id } : {}), ...route, data, ...original } };
}

/** Which mapping a record goes to, by leader/06 and, for UNIMARC, by its tags; or why it is not imported. */
function routeOf(type: string, data: MarcData): { kind: RecordKind; mapping: string } | string {
  // UNIMARC authority records use leader/06 x and y too (MARC 21 holdings): told apart by 100 $a.
  if (HOLDINGS.has(type)) {
    if (!unimarcProcessingData(data)) return { kind: 'holdings', mapping: 'marc21-holdings' };
    return `UNIMARC authority record (leader/06 '${type}', general processing data in 100 $a): libkg maps UNIMARC bibliographic records only`;
  }
  if (type === 'z') return { kind: 'authority', mapping: 'marc21-authority' };
  return looksUnimarc(data) ? { kind: 'catalog', mapping: 'unimarc' } : { kind: 'catalog', mapping: 'marc21' };
}

/** UNIMARC's 100 $a: 36 characters of processing data starting with the date entered (yyyymmdd) and a code. */
const unimarcProcessingData = (data: MarcData) =>
  data.fields.some((f) => f.tag === '100' && 'subfields' in f && f.subfields.some((s) => s.code === 'a' && /^\d{8}[a-kuz]/.test(s.value)));

/**
 * UNIMARC bibliographic records share ISO 2709 and the leader with MARC 21 but not the tags:
 * the title is in 200 and 100 $a holds 36 characters of processing data starting with a date.
 * They go to mappings/unimarc.yaml; read as MARC 21 they would fail the shapes as "a document needs a title".
 */
function looksUnimarc(data: MarcData): boolean {
  let title200 = false;
  for (const f of data.fields) {
    if (f.tag === '245') return false;
    if (f.tag === '200' && 'subfields' in f) title200 ||= f.subfields.some((s) => s.code === 'a');
  }
  return title200 && unimarcProcessingData(data);
}

/** Splits a byte stream on the record terminator; memory holds one record. Yields records without their terminator. */
export async function* splitIso2709(input: Readable): AsyncGenerator<{ bytes: Buffer; unterminated?: true } | { oversize: number }> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(RECORD_TERMINATOR); end !== -1; end = chunk.indexOf(RECORD_TERMINATOR, start)) {
      const piece = chunk.subarray(start, end);
      if (skipping) skipping = false;
      else if (size + piece.length > MAX_RECORD_BYTES) yield { oversize: size + piece.length };
      else yield { bytes: parts.length ? Buffer.concat([...parts, piece]) : Buffer.from(piece) };
      parts = [];
      size = 0;
      start = end + 1;
    }
    if (skipping || start >= chunk.length) continue;
    parts.push(chunk.subarray(start));
    size += chunk.length - start;
    if (size > MAX_RECORD_BYTES) {
      yield { oversize: size };
      parts = [];
      size = 0;
      skipping = true;
    }
  }
  if (parts.length) yield { bytes: Buffer.concat(parts), unterminated: true };
}

interface DirectoryEntry {
  tag: string;
  /** Offsets of the field's bytes in the record, without the field terminator (no subarray per field). */
  start: number;
  end: number;
}

const isDigits = (b: Buffer, from: number, to: number) => {
  for (let i = from; i < to; i++) if (b[i]! < 0x30 || b[i]! > 0x39) return false;
  return true;
};
/** The number in b[from, to), digits already checked (no string per directory entry). */
const num = (b: Buffer, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (b[i] as number) - 0x30;
  return n;
};
const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** Tags repeat in every record: one string per tag, keyed by its three bytes. */
const TAGS = new Map<number, string>();
function tagAt(rec: Buffer, at: number): string {
  const key = (rec[at]! << 16) | (rec[at + 1]! << 8) | rec[at + 2]!;
  let tag = TAGS.get(key);
  if (tag === undefined) {
    tag = rec.toString('latin1', at, at + 3);
    if (TAGS.size < 10_000) TAGS.set(key, tag);
  }
  return tag;
}
const isGraphicOrSpace = (byte: number) => byte >= 0x20 && byte <= 0x7e;

/**
 * Checks leader and directory and returns the fields' bytes, or the reason
 * the record is malformed. Written here because the library checks none of
 * this: it reads a bad directory as garbage or fails with a TypeError.
 */
function readStructure(rec: Buffer): { leader: string; entries: DirectoryEntry[] } | string {
  const length = rec.length + 1;
  if (rec.length < 25) return `truncated record: ${length} bytes, shorter than a leader and directory`;
  for (let i = 0; i < 24; i++)
    if (rec[i]! < 0x20 || rec[i]! > 0x7e) return `bad leader: byte 0x${rec[i]!.toString(16).padStart(2, '0')} at leader position ${i}`;
  const leader = rec.toString('latin1', 0, 24);
  if (!isDigits(rec, 0, 5)) return `bad leader: record length "${leader.slice(0, 5)}" is not a number`;
  if (num(rec, 0, 5) !== length) return `bad leader: leader gives record length ${num(rec, 0, 5)}, the record has ${length} bytes`;
  if (!isDigits(rec, 12, 17)) return `bad leader: base address "${leader.slice(12, 17)}" is not a number`;
  const base = num(rec, 12, 17);
  if (base < 25 || base > rec.length) return `bad leader: base address ${base} is outside the record`;
  if (rec[base - 1] !== FIELD_TERMINATOR) return 'bad directory: no field terminator before the base address';
  if ((base - 25) % 12 !== 0) return `bad directory: length ${base - 25} is not a multiple of 12`;
  const entries: DirectoryEntry[] = [];
  for (let at = 24, n = 1; at < base - 1; at += 12, n++) {
    if (!isAlnum(rec[at]!) || !isAlnum(rec[at + 1]!) || !isAlnum(rec[at + 2]!))
      return `bad directory: entry ${n} has tag "${rec.toString('latin1', at, at + 3)}"`;
    const tag = tagAt(rec, at);
    if (!isDigits(rec, at + 3, at + 12)) return `bad directory: entry ${n} (tag ${tag}) has a non-numeric length or position`;
    const start = base + num(rec, at + 7, at + 12);
    const end = start + num(rec, at + 3, at + 7);
    if (end > rec.length || end <= start) return `bad directory: field ${tag} (entry ${n}) runs past the end of the record`;
    if (rec[end - 1] !== FIELD_TERMINATOR) return `bad directory: field ${tag} (entry ${n}) does not end with a field terminator`;
    entries.push({ tag, start, end: end - 1 });
  }
  return { leader, entries };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** How one coding scheme turns a field's bytes into text; `state` lives for one field (MARC-8 escapes). */
interface FieldDecoder {
  name: string;
  newState(): unknown;
  /** Any bytes, to NFC text. */
  decode(bytes: Uint8Array, state: unknown): string;
  /** Bytes that are all printable ASCII, already read as a string: the text, or undefined when the state needs the full decoder. */
  ascii(text: string, state: unknown): string | undefined;
}

const UTF8: FieldDecoder = { name: 'UTF-8', newState: () => undefined, decode: (bytes) => utf8.decode(bytes).normalize('NFC'), ascii: (text) => text };
const MARC8: FieldDecoder = {
  name: 'MARC-8',
  newState: initialMarc8State,
  decode: (bytes, state) => decodeMarc8(bytes, state as Marc8State),
  ascii: (text, state) => decodeMarc8Ascii(text, state as Marc8State),
};

/** Whether rec[from, to) is printable ASCII (most MARC text): then a latin1 slice is the text, no decoder or NFC pass. */
function isPrintableAscii(rec: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = rec[i] as number;
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

function decodeRange(rec: Buffer, from: number, to: number, decoder: FieldDecoder, state: unknown): string {
  if (isPrintableAscii(rec, from, to)) {
    const text = decoder.ascii(rec.toString('latin1', from, to), state);
    if (text !== undefined) return text;
  }
  return decoder.decode(rec.subarray(from, to), state);
}

/** One-character strings for subfield codes and indicators. */
const CHARS = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

/**
 * Fields from the checked directory, each subfield decoded on its own (a
 * MARC-8 escape state carries across the subfields of one field, as the
 * designations last to the end of the field).
 */
function readFields(rec: Buffer, leader: string, entries: DirectoryEntry[], decoder: FieldDecoder): MarcData | string {
  const fields: MarcField[] = [];
  for (const { tag, start, end } of entries) {
    const state = decoder.newState();
    try {
      if (tag.startsWith('00')) {
        fields.push({ tag, value: decodeRange(rec, start, end, decoder, state) });
        continue;
      }
      if (end - start < 2 || rec[start] === SUBFIELD_DELIMITER || rec[start + 1] === SUBFIELD_DELIMITER) return `field ${tag} has no indicators`;
      if (!isGraphicOrSpace(rec[start]!) || !isGraphicOrSpace(rec[start + 1]!)) return `field ${tag} has an indicator that is not an ASCII character`;
      const subfields: { code: string; value: string }[] = [];
      // Bytes before the first delimiter belong to no subfield (a stray '\\' in real LC records): skipped, as pymarc does.
      let at = rec.indexOf(SUBFIELD_DELIMITER, start + 2);
      while (at !== -1 && at < end) {
        let next = rec.indexOf(SUBFIELD_DELIMITER, at + 1);
        if (next === -1 || next > end) next = end;
        if (next > at + 1) {
          const code = rec[at + 1]!;
          if (code <= 0x20 || code > 0x7e) return `field ${tag} has a subfield code that is not an ASCII character (byte 0x${code.toString(16)})`;
          const value = decodeRange(rec, at + 2, next, decoder, state);
          // An empty subfield carries nothing: dropped, the record is still read.
          if (value) subfields.push({ code: CHARS[code] as string, value });
        }
        at = next === end ? -1 : next;
      }
      if (subfields.length) fields.push({ tag, ind1: CHARS[rec[start]!] as string, ind2: CHARS[rec[start + 1]!] as string, subfields });
    } catch (e) {
      const why = e instanceof Marc8Error ? e.message : 'invalid byte sequence';
      return `field ${tag} is not valid ${decoder.name} (leader/09 '${leader[9]}'): ${why}`;
    }
  }
  if (!fields.length) return 'record has no fields';
  return { leader, fields };
}

/** Parses one record (bytes without the terminator) into MARC data, or the reason it cannot be read. */
export function parseIso2709Record(rec: Buffer): MarcData | string {
  const structure = readStructure(rec);
  if (typeof structure === 'string') return structure;
  const { leader, entries } = structure;
  const coding = leader[9];
  if (coding === 'a') return readFields(rec, leader, entries, UTF8);
  if (coding === ' ') return readFields(rec, leader, entries, MARC8);
  return `bad leader: leader/09 '${coding}' is neither ' ' (MARC-8) nor 'a' (UTF-8)`;
}

/** The 001 of a record that failed, when its first directory entry still points to one (for the failure message). */
function guessId(rec: Buffer): string | undefined {
  if (rec.length < 37 || rec.toString('latin1', 24, 27) !== '001' || !isDigits(rec, 12, 17) || !isDigits(rec, 27, 36)) return undefined;
  const start = num(rec, 12, 17) + num(rec, 32, 36);
  const value = rec.toString('latin1', start, Math.min(rec.length, start + num(rec, 27, 31) - 1)).trim();
  return /^[\x21-\x7e][\x20-\x7e]{0,59}$/.test(value) ? value : undefined;
}

const isBlank = (b: Buffer) => b.every((c) => c === 0x0a || c === 0x0d || c === 0x20 || c === 0x00);

export const iso2709Reader: Reader = {
  format: 'marc',
  detect: (fileName, head) => {
    const leaderLike = /^\d{5}[ -~]{19}/.test(head.toString('latin1', 0, 24)) && head.includes(FIELD_TERMINATOR);
    return /\.(mrc|marc|usmarc|iso2709)(\.gz)?$/i.test(fileName) || leaderLike;
  },
  async *read(input: Readable, _ctx: ReaderContext): AsyncIterable<ReadItem> {
    let index = 0;
    try {
      for await (const piece of splitIso2709(input)) {
        if ('oversize' in piece) {
          yield { failure: { index: ++index, reason: `no record terminator within ${piece.oversize} bytes; skipped to the next terminator` } };
          continue;
        }
        // Some files put a newline after each record terminator.
        let rec = piece.bytes;
        let lead = 0;
        while (lead < rec.length && (rec[lead] === 0x0a || rec[lead] === 0x0d)) lead++;
        if (lead) rec = rec.subarray(lead);
        if (!rec.length || isBlank(rec)) {
          if (!piece.bytes.length) yield { failure: { index: ++index, reason: 'empty record (two record terminators in a row)' } };
          continue;
        }
        index++;
        let data: MarcData | string;
        try {
          data = parseIso2709Record(rec);
        } catch (e) {
          data = `unreadable record: ${(e as Error).message}`;
        }
        if (typeof data === 'string') {
          const id = guessId(rec);
          const reason = piece.unterminated ? `truncated at end of file (${rec.length} bytes without a record terminator): ${data}` : data;
          yield { failure: { index, ...(id ? { id } : {}), reason } };
        } else yield marcItem(index, data, rec);
      }
    } catch (e) {
      yield { failure: { index: index + 1, reason: `read error: ${(e as Error).message}` } };
    }
  },
};
