/**
 * Bytes of a request body or file as text, as its charset says, never with a silent U+FFFD:
 * invalid UTF-8 is refused naming the first bad byte; ISO-8859-1 and windows-1252 are transcoded.
 */
import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import { LibkgError } from '../errors.js';

/** Charset labels libkg reads, by the decoder each uses. Latin-1 labels decode as windows-1252, as the WHATWG Encoding standard (and every browser) does. */
const DECODERS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'ascii',
  ascii: 'ascii',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

export const SUPPORTED_CHARSETS = ['utf-8', 'us-ascii', 'iso-8859-1', 'windows-1252'];

/** The charset parameter of a Content-Type header, lower-cased and unquoted; undefined when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** Byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence; -1 if none. */
export function invalidUtf8Offset(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    // A sequence cut off by the end of the input.
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k] as number;
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    // Overlong forms, surrogates and code points above U+10FFFF are not UTF-8.
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** Throws INVALID_ENCODING naming `what` and the offset of the first byte that is not UTF-8. */
export function assertUtf8(bytes: Uint8Array, what: string, startOffset = 0): void {
  if (isUtf8(bytes)) return;
  const at = invalidUtf8Offset(bytes);
  const shown = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  throw new LibkgError(
    'INVALID_ENCODING',
    `${what} is not valid UTF-8: byte 0x${shown} at offset ${startOffset + at}; send UTF-8 or name the charset (charset=iso-8859-1)`,
    {
      offset: startOffset + at,
    },
  );
}

/**
 * Decodes a body by its Content-Type's charset (UTF-8 when none): 415 UNSUPPORTED_CHARSET for a charset
 * libkg does not read, 400 INVALID_ENCODING for bytes the charset does not allow.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined, what = 'the request body'): string {
  const charset = charsetOf(contentType) ?? 'utf-8';
  const decoder = DECODERS[charset];
  if (!decoder)
    throw new LibkgError('UNSUPPORTED_CHARSET', `${what} is in charset "${charset}", which libkg does not read; send one of ${SUPPORTED_CHARSETS.join(', ')}`, {
      supported: SUPPORTED_CHARSETS,
    });
  if (decoder === 'windows-1252') return new TextDecoder('windows-1252').decode(bytes);
  if (decoder === 'ascii') {
    const at = bytes.findIndex((b) => b > 0x7f);
    if (at >= 0)
      throw new LibkgError('INVALID_ENCODING', `${what} is not US-ASCII: byte 0x${(bytes[at] as number).toString(16).toUpperCase()} at offset ${at}`, {
        offset: at,
      });
    return Buffer.from(bytes).toString('latin1');
  }
  assertUtf8(bytes, what);
  // A leading BOM is not content.
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

/** Length of an incomplete UTF-8 sequence at the end of `b` (0-3 bytes), kept for the next chunk. */
function incompleteTail(b: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k] as number;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/**
 * Passes a byte stream through unchanged and fails it (INVALID_ENCODING, naming `what` and the byte
 * offset) at the first byte that is not UTF-8, instead of letting the parser read it as U+FFFD.
 * Strings (already decoded text) pass unchecked.
 */
export function utf8Guard(what: string): Transform {
  let carry: Buffer = Buffer.alloc(0);
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      if (typeof chunk === 'string') return done(null, chunk);
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = buf.length - incompleteTail(buf);
      try {
        assertUtf8(buf.subarray(0, cut), what, offset);
      } catch (e) {
        return done(e as Error);
      }
      offset += cut;
      carry = Buffer.from(buf.subarray(cut));
      done(null, chunk);
    },
    flush(done) {
      if (carry.length)
        return done(new LibkgError('INVALID_ENCODING', `${what} is not valid UTF-8: it ends inside a character at offset ${offset}`, { offset }));
      done();
    },
  });
}
