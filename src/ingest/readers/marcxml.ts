/**
 * MARCXML reader (http://www.loc.gov/MARC21/slim), streaming with saxes.
 *
 * Why saxes and not @natlibfi's MARCXML.reader (the npm notes' choice): that
 * reader finds records by searching the text for `<prefix:record` and parses
 * each slice alone, so it (1) does not check that the file is well-formed XML
 * (a 0x07 subfield code is accepted), (2) needs the one prefix the records
 * use, while real files mix them (marc2bibframe2: `marcxml:collection` around
 * default-namespace records), silently giving 0 records otherwise, and (3)
 * decodes every Buffer chunk on its own, so a UTF-8 character split across two
 * chunks is damaged; (4) it validates every record against a JSON schema:
 * `npx tsx bench/marc-read.ts --compare` read 125 records/s with it against
 * 6,051 records/s here. saxes is a conforming, namespace-aware streaming parser:
 * memory holds the current record and one chunk, the first well-formedness
 * error has a line and column, and elements are matched by namespace, not
 * prefix. What is left here is turning leader / controlfield / datafield /
 * subfield elements into the same MarcData the ISO 2709 reader yields.
 */
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Reader, ReaderContext, ReadItem } from '../types.js';
import { type MarcData, type MarcField, marcItem } from './marc-iso2709.js';

const MARC_NS = 'http://www.loc.gov/MARC21/slim';

/** The record being built; `problem` is its first schema error (the rest of it is still parsed, then it fails). */
interface Building {
  index: number;
  leader?: string;
  fields: MarcField[];
  field?: { tag: string; ind1: string; ind2: string; subfields: { code: string; value: string }[] } | { tag: string; value: string };
  subfieldCode?: string;
  text?: string;
  problem?: string;
}

const TAG = /^[0-9A-Za-z]{3}$/;
/** MARCXML elements: in the MARC namespace, or in none (some files leave out xmlns). */
const isMarc = (n: SaxesTagNS) => n.uri === MARC_NS || n.uri === '';

const idOf = (fields: MarcField[]) => fields.find((f): f is { tag: string; value: string } => f.tag === '001' && 'value' in f)?.value.trim() || undefined;

function attr(node: SaxesTagNS, name: string): string | undefined {
  return node.attributes[name]?.value;
}

/** Parses a MARCXML stream into read items, pushed to `emit` as records close. */
class MarcXmlBuilder {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private current?: Building;
  private count = 0;
  error?: { index: number; id?: string; reason: string };

  constructor(private readonly emit: (item: ReadItem) => void) {
    this.parser.on('opentag', (n) => this.open(n));
    this.parser.on('closetag', (n) => this.close(n));
    this.parser.on('text', (t) => this.addText(t));
    this.parser.on('cdata', (t) => this.addText(t));
    this.parser.on('error', (e) => {
      // The first well-formedness error ends the file: XML after it has no reliable structure.
      if (this.error) return;
      const where = `line ${this.parser.line}, column ${this.parser.column}`;
      const reason = `not well-formed XML at ${where}: ${e.message.replace(/^(.*?:)?\d+:\d+: /, '')}; the rest of the file is not read`;
      const id = this.current && idOf(this.current.fields);
      this.error = { index: this.failureIndex, ...(id ? { id } : {}), reason };
    });
  }

  write(text: string): void {
    this.parser.write(text);
  }

  end(): void {
    this.parser.close();
  }

  /** The index a failure now belongs to: the open record's, or the next one. */
  get failureIndex(): number {
    return this.current?.index ?? this.count + 1;
  }

  private open(n: SaxesTagNS): void {
    if (!isMarc(n)) return;
    if (n.local === 'record') {
      if (this.current) this.current.problem ??= 'a record element inside a record';
      else this.current = { index: ++this.count, fields: [] };
      return;
    }
    const rec = this.current;
    if (!rec || n.local === 'collection') return;
    const problem = this.start(rec, n);
    if (problem) rec.problem ??= problem;
  }

  /** Starts a leader, field or subfield; returns what is wrong with it, if anything. */
  private start(rec: Building, n: SaxesTagNS): string | undefined {
    switch (n.local) {
      case 'leader':
        rec.text = '';
        return undefined;
      case 'controlfield': {
        const tag = attr(n, 'tag') ?? '';
        if (!TAG.test(tag)) return `controlfield tag "${tag}" is not three letters or digits`;
        rec.field = { tag, value: '' };
        rec.text = '';
        return undefined;
      }
      case 'datafield': {
        const tag = attr(n, 'tag') ?? '';
        if (!TAG.test(tag)) return `datafield tag "${tag}" is not three letters or digits`;
        const ind1 = attr(n, 'ind1') ?? ' ';
        const ind2 = attr(n, 'ind2') ?? ' ';
        if (ind1.length !== 1 || ind2.length !== 1) return `datafield ${tag} has an indicator that is not one character`;
        rec.field = { tag, ind1, ind2, subfields: [] };
        return undefined;
      }
      case 'subfield': {
        const code = attr(n, 'code');
        const tag = rec.field?.tag ?? '?';
        if (code === undefined) return `a subfield of field ${tag} has no code`;
        if (code.length !== 1 || code <= ' ' || code > '~') return `field ${tag} has subfield code "${code}", not one ASCII character`;
        rec.subfieldCode = code;
        rec.text = '';
        return undefined;
      }
      default:
        return `unexpected element <${n.name}>`;
    }
  }

  private close(n: SaxesTagNS): void {
    const rec = this.current;
    if (!rec || !isMarc(n)) return;
    const text = (rec.text ?? '').normalize('NFC');
    rec.text = undefined;
    const field = rec.field;
    switch (n.local) {
      case 'leader':
        rec.leader = text;
        break;
      case 'controlfield':
        if (field && 'value' in field) rec.fields.push({ tag: field.tag, value: text });
        rec.field = undefined;
        break;
      case 'subfield':
        // An empty subfield carries nothing: dropped, the record is still read.
        if (field && 'subfields' in field && rec.subfieldCode && text) field.subfields.push({ code: rec.subfieldCode, value: text });
        rec.subfieldCode = undefined;
        break;
      case 'datafield':
        if (field && 'subfields' in field && field.subfields.length) rec.fields.push(field);
        rec.field = undefined;
        break;
      case 'record':
        this.current = undefined;
        if (!this.error) this.emit(this.finish(rec));
        break;
    }
  }

  private addText(t: string): void {
    if (this.current?.text !== undefined) this.current.text += t;
  }

  private finish(rec: Building): ReadItem {
    const id = idOf(rec.fields);
    const failure = (reason: string): ReadItem => ({ failure: { index: rec.index, ...(id ? { id } : {}), reason } });
    if (rec.problem) return failure(`invalid MARCXML: ${rec.problem}`);
    if (rec.leader === undefined) return failure('invalid MARCXML: record has no leader');
    if (rec.leader.length !== 24) return failure(`bad leader: ${rec.leader.length} characters instead of 24`);
    if (!rec.fields.length) return failure('record has no fields');
    const data: MarcData = { leader: rec.leader, fields: rec.fields };
    return marcItem(rec.index, data);
  }
}

export const marcxmlReader: Reader = {
  format: 'marcxml',
  detect: (fileName, head) => {
    if (!/\.(xml|marcxml)(\.gz)?$/i.test(fileName)) return false;
    const text = head.toString('utf8');
    return text.includes(MARC_NS) || (/<(\w+:)?record[\s>]/.test(text) && /<(\w+:)?leader>/.test(text));
  },
  async *read(input: Readable, _ctx: ReaderContext): AsyncIterable<ReadItem> {
    const queue: ReadItem[] = [];
    const builder = new MarcXmlBuilder((item) => queue.push(item));
    // MARCXML is UTF-8 by definition; a byte that is not is a failure, not a U+FFFD.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let bytes = 0;
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          yield* queue.splice(0);
          yield { failure: { index: builder.failureIndex, reason: `not valid UTF-8 near byte ${bytes}; the rest of the file is not read` } };
          return;
        }
        bytes += chunk.length;
        builder.write(text);
        yield* queue.splice(0);
        if (builder.error) {
          yield { failure: builder.error };
          return;
        }
      }
      try {
        decoder.decode();
      } catch {
        yield { failure: { index: builder.failureIndex, reason: 'the file ends inside a UTF-8 character' } };
        return;
      }
      builder.end();
      yield* queue.splice(0);
      if (builder.error) yield { failure: builder.error };
    } catch (e) {
      yield* queue.splice(0);
      yield { failure: { index: builder.failureIndex, reason: `read error: ${(e as Error).message}` } };
    }
  },
};
