import { Transform, type TransformCallback } from 'node:stream';
import { LibkgError } from '../errors.js';

// Where the scanner is, byte by byte, in Turtle-family text (Turtle, TriG, N-Triples, N-Quads).
const SPACE = 0;
const WORD = 1;
const IRI = 2;
const OPEN1 = 3; // one quote seen: a short string, or the start of "" / """
const OPEN2 = 4; // two quotes: an empty string, or the start of a long string
const STR = 5;
const LONG = 6;
const COMMENT = 7;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Passes Turtle-family bytes through unchanged and fails the stream at the first token (IRI, literal
 * with its tags, prefixed name, comment) longer than `maxBytes`, before the parser sees it: the N3
 * lexer re-scans an unfinished token on every chunk, so one 512 MiB token kept the thread busy for
 * minutes. Strings are followed with their escapes, so spaces and newlines inside a literal do not
 * end its token.
 */
export class TokenLimit extends Transform {
  private state = SPACE;
  private quote = 0;
  private run = 0;
  private escaped = false;
  private closing = 0;
  /** Bytes before the current chunk, for the error's position. */
  private offset = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly what: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const max = this.maxBytes;
    let { state, quote, run, escaped, closing } = this;
    for (let i = 0; i < chunk.length; ) {
      const c = chunk[i] as number;
      switch (state) {
        case SPACE:
          if (isSpace(c)) {
            i++;
            continue;
          }
          run = 0;
          state = c === 0x23 ? COMMENT : c === 0x3c ? IRI : c === 0x22 || c === 0x27 ? OPEN1 : WORD;
          if (state === OPEN1) quote = c;
          break;
        case WORD:
          if (isSpace(c)) {
            state = SPACE;
            i++;
            continue;
          }
          if (c === 0x3c) state = IRI;
          else if (c === 0x22 || c === 0x27) {
            state = OPEN1;
            quote = c;
          }
          break;
        case IRI:
          if (c === 0x3e) state = WORD;
          break;
        case OPEN1:
          if (c !== quote) {
            state = STR;
            continue; // this byte is the string's first: scan it as such
          }
          state = OPEN2;
          break;
        case OPEN2:
          if (c !== quote) {
            state = WORD; // "" was an empty string
            continue;
          }
          state = LONG;
          closing = 0;
          break;
        case STR:
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === quote) state = WORD;
          break;
        case LONG:
          if (escaped || c === 0x5c) {
            escaped = !escaped;
            closing = 0;
          } else if (c !== quote) closing = 0;
          else if (++closing === 3) state = WORD;
          break;
        case COMMENT:
          if (c === 0x0a || c === 0x0d) {
            state = SPACE;
            i++;
            continue;
          }
          break;
      }
      if (++run > max) {
        done(
          new LibkgError(
            'IMPORT_LIMIT',
            `${this.what}: a token (IRI, literal or name) near byte ${this.offset + i - run + 1} is longer than ${max.toLocaleString('en')} bytes (LIBKG_IMPORT_MAX_TOKEN)`,
            { limit: max },
          ),
        );
        return;
      }
      i++;
    }
    Object.assign(this, { state, quote, run, escaped, closing });
    this.offset += chunk.length;
    done(null, chunk);
  }
}
