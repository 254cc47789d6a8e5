/**
 * application/x-www-form-urlencoded bodies, read strictly: `fast-querystring` (what @fastify/formbody uses)
 * leaves a malformed escape such as `%ZZ` in the value and turns bytes that are not UTF-8 into U+FFFD, so
 * a broken form reached the SPARQL parser as a syntax error. Here both are 400 INVALID_ENCODING naming
 * the parameter, as for every other body.
 */
import type { FastifyInstance } from 'fastify';
import { LibkgError } from '../../errors.js';
import { assertUtf8 } from '../../rdf/charset.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeComponent(raw: string, what: string): string {
  const text = raw.replaceAll('+', ' ');
  const bad = /%(?![0-9a-fA-F]{2})/.exec(text);
  if (bad)
    throw new LibkgError('INVALID_ENCODING', `${what} has a malformed percent-escape "${text.slice(bad.index, bad.index + 3)}" at offset ${bad.index}`, {
      offset: bad.index,
    });
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === '%') {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const cp = text.codePointAt(i) as number;
      bytes.push(...new TextEncoder().encode(String.fromCodePoint(cp)));
      i += cp > 0xffff ? 2 : 1;
    }
  }
  try {
    return STRICT_UTF8.decode(new Uint8Array(bytes));
  } catch {
    throw new LibkgError('INVALID_ENCODING', `${what} is not valid UTF-8 once its percent-escapes are decoded`);
  }
}

/** Parses a form body into name → value (or values, for a repeated name). */
export function parseFormBody(body: Buffer): Record<string, string | string[]> {
  assertUtf8(body, 'the form body');
  const out: Record<string, string | string[]> = Object.create(null);
  for (const pair of body.toString('utf8').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq), 'a form parameter name');
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1), `the form parameter "${name}"`);
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

export function installFormBody(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseFormBody(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}
