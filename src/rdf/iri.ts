/**
 * The one IRI validator of libkg: absolute IRIs as RFC 3987 defines them, as
 * strictly as Oxigraph's parser (oxiri) reads them. Every IRI a write stores
 * passes here first, so the engines can always load what the journal holds.
 */
import type * as RDF from '@rdfjs/types';
import { LibkgError } from '../errors.js';

// RFC 3987 ucschar (each plane without its last two code points) and iprivate.
const UCS = '\\u{A0}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFEF}' + planes(1, 14);
const PRIVATE = '\\u{E000}-\\u{F8FF}\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}';
function planes(from: number, to: number): string {
  let s = '';
  for (let p = from; p <= to; p++) s += `\\u{${(p * 0x10000).toString(16)}}-\\u{${(p * 0x10000 + 0xfffd).toString(16)}}`;
  return s;
}
const UNRESERVED = `A-Za-z0-9\\-._~${UCS}`;
const SUB_DELIMS = "!$&'()*+,;=";
const esc = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');
/** Allowed code points of each part, `%` checked separately. */
const PCHAR = `${UNRESERVED}${esc(SUB_DELIMS)}:@%`;

/**
 * The part checks, for IRIs with non-ASCII characters (Unicode classes: ~1.5 µs a test) and for
 * ASCII-only IRIs (the same classes without the non-ASCII ranges, ~10x faster; most IRIs).
 */
function partChecks(unicode: boolean) {
  const strip = (cls: string) => (unicode ? cls : cls.replace(UCS, '').replace(PRIVATE, ''));
  const re = (cls: string) => new RegExp(`^[${strip(cls)}]*$`, unicode ? 'u' : '');
  return {
    userinfo: re(`${UNRESERVED}${esc(SUB_DELIMS)}:%`),
    host: re(`${UNRESERVED}${esc(SUB_DELIMS)}%`),
    path: re(`${PCHAR}/`),
    query: re(`${PCHAR}/?${PRIVATE}`),
    fragment: re(`${PCHAR}/?`),
  };
}
const UNICODE_PARTS = partChecks(true);
const ASCII_PARTS = partChecks(false);
const IP_LITERAL = /^\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]$/;
const PORT = /^[0-9]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: anything outside printable ASCII takes the Unicode checks.
const NON_ASCII = /[^\u0000-\u007f]/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/** `U+0020 (space)`-style name of a code point, for messages (never the raw control character). */
export function describeChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp === 0x20) return `${hex} (space)`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `${hex} (an unpaired UTF-16 surrogate)`;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `${hex} (a control character)`;
  return `'${c}' (${hex})`;
}

/** The IRI with anything unprintable or forbidden escaped as \uXXXX, safe to quote in a message or log. */
export function escapeIri(iri: string): string {
  const shown = iri.length > 300 ? `${iri.slice(0, 300)}…` : iri;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped.
  return shown.replace(/[\u0000-\u0020\u007f-\u009f<>"{}|^`\\\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function firstBad(text: string, allowed: RegExp, offset: number, part: string): string | undefined {
  if (allowed.test(text)) return undefined;
  let i = 0;
  for (const c of text) {
    if (!allowed.test(c)) return `${part} contains ${describeChar(c)} at position ${offset + i}`;
    i += c.length;
  }
  return `${part} is malformed`;
}

/**
 * Why `iri` is not an absolute RFC 3987 IRI, or undefined when it is one.
 * Checks the scheme, every code point of each part, percent-encoding and the port.
 */
export function iriProblem(iri: string): string | undefined {
  if (iri === '') return 'is empty';
  const scheme = SCHEME.exec(iri)?.[0];
  if (!scheme) return 'is not absolute: it has no scheme (such as http:)';
  const pct = BAD_PERCENT.exec(iri);
  if (pct) return `'%' at position ${pct.index} is not followed by two hex digits`;
  const PART = NON_ASCII.test(iri) ? UNICODE_PARTS : ASCII_PARTS;
  let rest = iri.slice(scheme.length);
  let at = scheme.length;
  const hash = rest.indexOf('#');
  let fragment: string | undefined;
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  const qm = rest.indexOf('?');
  let query: string | undefined;
  if (qm >= 0) {
    query = rest.slice(qm + 1);
    rest = rest.slice(0, qm);
  }
  let path = rest;
  if (rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    path = end < 0 ? '' : rest.slice(end);
    at += 2;
    const atSign = authority.lastIndexOf('@');
    if (atSign >= 0) {
      const bad = firstBad(authority.slice(0, atSign), PART.userinfo, at, 'the user info');
      if (bad) return bad;
    }
    const hostPort = authority.slice(atSign + 1);
    const hostAt = at + atSign + 1;
    let host = hostPort;
    let port = '';
    if (hostPort.startsWith('[')) {
      const close = hostPort.indexOf(']');
      host = close < 0 ? hostPort : hostPort.slice(0, close + 1);
      const after = hostPort.slice(host.length);
      if (after && !after.startsWith(':')) return `the host is followed by ${describeChar(after)} at position ${hostAt + host.length}`;
      port = after.slice(1);
      if (!IP_LITERAL.test(host)) return `the IP literal ${host} is malformed`;
    } else {
      const colon = hostPort.lastIndexOf(':');
      if (colon >= 0) {
        host = hostPort.slice(0, colon);
        port = hostPort.slice(colon + 1);
      }
      const bad = firstBad(host, PART.host, hostAt, 'the host');
      if (bad) return bad;
    }
    if (!PORT.test(port)) return `the port "${escapeIri(port)}" is not a number`;
    at += authority.length;
  }
  return (
    firstBad(path, PART.path, at, 'the path') ??
    (query === undefined ? undefined : firstBad(query, PART.query, at + path.length + 1, 'the query')) ??
    (fragment === undefined ? undefined : firstBad(fragment, PART.fragment, iri.length - fragment.length, 'the fragment'))
  );
}

export const isValidIri = (iri: string): boolean => iriProblem(iri) === undefined;

/** Throws INVALID_IRI (400) naming the IRI, escaped, what it is (`what`) and the reason. */
export function assertIri(iri: string, what = 'IRI'): void {
  const problem = iriProblem(iri);
  if (problem) throw invalidIri(iri, problem, what);
}

export function invalidIri(iri: string, problem: string, what = 'IRI'): LibkgError {
  return new LibkgError('INVALID_IRI', `${what} <${escapeIri(iri)}> is not a valid IRI: ${problem}`, { iri: escapeIri(iri), reason: problem });
}

/** Unpaired UTF-16 surrogates as U+FFFD (String.prototype.toWellFormed is ES2024, above the compile target). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const PATH_KEEP = new RegExp(`[${UNRESERVED}${esc(SUB_DELIMS)}:@/]`, 'u');
const utf8Escape = (c: string) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * Text (a DOI, a file name) as IRI path characters: everything a path may not hold, and `%`, `?`
 * and `#` (which would start an escape, a query or a fragment), percent-encoded as UTF-8.
 * Unpaired surrogates become U+FFFD first (they have no UTF-8 form).
 */
export function percentEncodePath(text: string): string {
  let out = '';
  for (const c of wellFormed(text)) out += c !== '%' && PATH_KEEP.test(c) ? c : utf8Escape(c);
  return out;
}

const ANYWHERE = new RegExp(`[${PCHAR}/?#\\[\\]${PRIVATE}]`, 'u');

/**
 * An IRI taken from data (a URL in a record) made valid where it can be: code points no IRI may hold
 * and `%` not starting an escape are percent-encoded. Undefined when it still is not valid (no scheme, bad port…).
 */
export function repairIri(text: string): string | undefined {
  let out = '';
  const chars = [...wellFormed(text)];
  chars.forEach((c, i) => {
    if (c === '%') out += /^[0-9A-Fa-f]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? '')) ? c : '%25';
    else out += c !== '%' && ANYWHERE.test(c) ? c : utf8Escape(c);
  });
  if (iriProblem(out) === undefined) return out;
  // '[' and ']' are allowed only around an IP literal host; data puts them in paths and queries too.
  const authorityEnd = /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/[^/?#]*)?/.exec(out)?.[0].length ?? 0;
  const escaped = out.slice(0, authorityEnd) + out.slice(authorityEnd).replace(/[[\]]/g, (c) => (c === '[' ? '%5B' : '%5D'));
  return iriProblem(escaped) === undefined ? escaped : undefined;
}

/** Known-valid IRIs: records repeat predicates, types and base paths; bounded like the serializer's memo. */
const checked = new Set<string>();

/** The first IRI among the quads' terms (and the graph name) that is not valid, with why; undefined if all are. */
export function firstInvalidIri(quads: Iterable<RDF.Quad>, graph?: string): { iri: string; problem: string } | undefined {
  const check = (iri: string) => {
    if (checked.has(iri)) return undefined;
    const problem = iriProblem(iri);
    if (problem) return { iri, problem };
    if (checked.size >= 20_000) checked.clear();
    checked.add(iri);
    return undefined;
  };
  if (graph) {
    const bad = check(graph);
    if (bad) return bad;
  }
  for (const q of quads) {
    for (const t of [q.subject, q.predicate, q.object, q.graph]) {
      const iri = t.termType === 'NamedNode' ? t.value : t.termType === 'Literal' ? t.datatype?.value : undefined;
      if (iri === undefined) continue;
      const bad = check(iri);
      if (bad) return bad;
    }
  }
  return undefined;
}
