/**
 * Helpers the ORCID and DataCite readers share: whole-file reading, XML to a
 * plain object tree, value access that works alike on XML trees and JSON, and
 * the identifier keys used in IRIs (docs/iri-patterns.md).
 */
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { invalidUtf8Offset } from '../../rdf/charset.js';
import { normalizeDoi, normalizeOrcid, slug } from '../identity/mint.js';

/** Both formats come one record (or a handful) per file, so a file is read whole: the whole input as text, and where its first byte that is not UTF-8 is (-1: none; such bytes become U+FFFD in `text`). */
export async function readAllText(input: Readable): Promise<{ text: string; invalidUtf8At: number }> {
  const chunks: Buffer[] = [];
  for await (const c of input) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  const bytes = Buffer.concat(chunks);
  return { text: bytes.toString('utf8').replace(/^\uFEFF/, ''), invalidUtf8At: isUtf8(bytes) ? -1 : invalidUtf8Offset(bytes) };
}

/** A reader's `detect` for .xml and .json files (gzipped or not): the first 4 KiB must show the format's signs. */
export function detectBySigns(signs: { xml: (start: string) => boolean; json: RegExp }) {
  return (fileName: string, head: Buffer): boolean => {
    const name = fileName.toLowerCase().replace(/\.gz$/, '');
    const start = head.toString('utf8', 0, Math.min(head.length, 4096));
    if (name.endsWith('.xml')) return signs.xml(start);
    if (name.endsWith('.json')) return signs.json.test(start);
    return false;
  };
}

type XmlNode = Record<string, unknown>;

/** Adds a child under its name; a repeated name becomes a list, as in JSON. */
function addChild(parent: XmlNode, name: string, value: unknown) {
  const prev = parent[name];
  if (prev === undefined) parent[name] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else parent[name] = [prev, value];
}

/**
 * Parses XML into a plain tree keyed by local names (prefixes dropped, so ORCID
 * XML has the names of ORCID JSON): attributes as `@name`, text as `#text`, and
 * an element with only text as that string. saxes (already the project's XML
 * parser) reports malformed XML with line and column; a DOM is not needed.
 */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = {};
  const stack: { node: XmlNode; text: string }[] = [{ node: root, text: '' }];
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('opentag', (tag) => {
    const node: XmlNode = {};
    for (const a of Object.values((tag as SaxesTagNS).attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      node[`@${a.local}`] = a.value;
    }
    stack.push({ node, text: '' });
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const done = stack.pop();
    const parent = stack[stack.length - 1];
    if (!done || !parent) return;
    const t = done.text.trim();
    const hasKeys = Object.keys(done.node).length > 0;
    if (t && hasKeys) done.node['#text'] = t;
    addChild(parent.node, (tag as SaxesTagNS).local, hasKeys ? done.node : t);
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new Error(`XML not well-formed: ${(e as Error).message}`);
  }
  return root;
}

/** A value that may be one item, a list or absent, as a list. */
export function arr<T = unknown>(v: unknown): T[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]) as T[];
}

/** Text of a leaf: XML text, an XML element's `#text`, or ORCID JSON's `{ value }`. */
export function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim().replace(/\s+/g, ' ');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('value' in o) return text(o.value);
    if ('#text' in o) return text(o['#text']);
  }
  return undefined;
}

/** An attribute of an XML element, or the same-named property of a JSON object. */
export function attr(v: unknown, name: string): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  return text(o[`@${name}`] ?? o[name]);
}

/** A child property of an object, or undefined. */
export function child(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** A DOI (bare, doi:, or resolver URL) normalised, or undefined when it is no DOI. */
export function doiOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const d = normalizeDoi(value.replace(/^https?:\/\/(www\.)?(dx\.)?doi\.org\//i, ''));
  return /^10\.\d{4,9}\/\S+$/.test(d) ? d : undefined;
}

/** ISO 7064 MOD 11-2 check of an ORCID iD (also ISNI's check). */
export function orcidChecksumOk(orcid: string): boolean {
  const digits = orcid.replace(/-/g, '');
  let total = 0;
  for (const ch of digits.slice(0, 15)) total = (total + Number(ch)) * 2;
  const r = (12 - (total % 11)) % 11;
  return (r === 10 ? 'X' : String(r)) === digits.slice(15).toUpperCase();
}

/** An ORCID iD from a bare iD or URL, normalised; undefined when none is there. */
export function orcidOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return normalizeOrcid(value);
  } catch {
    return undefined;
  }
}

export interface OrgIds {
  ror?: string;
  grid?: string;
  isni?: string;
  ringgold?: string;
  fundref?: string;
  lei?: string;
}

/** Reads an organisation identifier given with its scheme name (ROR, GRID, RINGGOLD, FUNDREF, ISNI, LEI, Crossref Funder ID). */
export function orgIdOf(scheme: string | undefined, value: string | undefined): OrgIds {
  if (!value) return {};
  const v = value.trim().replace(/\/+$/, '');
  const s = (scheme ?? '').toLowerCase();
  if (s === 'ror' || /ror\.org\//i.test(v)) {
    // A ROR id is 0 + 6 characters + 2 check digits; anything else (examples like "12abcde34") is no ROR id.
    const id = v.replace(/^.*ror\.org\//i, '').toLowerCase();
    return /^0[a-z0-9]{6}[0-9]{2}$/.test(id) ? { ror: `https://ror.org/${id}` } : {};
  }
  if (s === 'grid' || /^grid\.\d+\.\w+$/i.test(v)) return { grid: v.replace(/^.*\/(grid\.)/i, '$1').toLowerCase() };
  if (s === 'ringgold') return { ringgold: v.replace(/\D/g, '') };
  if (s === 'isni' || /isni\.org\//i.test(v)) return { isni: v.replace(/^.*isni\/?/i, '').replace(/\s+/g, '') };
  if (s === 'lei') return { lei: v.toUpperCase() };
  if (s === 'fundref' || s.includes('crossref') || /10\.13039\//.test(v)) {
    const id = /10\.13039\/(.+)$/.exec(v)?.[1] ?? v;
    return { fundref: `https://doi.org/10.13039/${id}` };
  }
  return {};
}

/** The org key of docs/iri-patterns.md: strongest identifier present, else the name. */
export function orgKey(ids: OrgIds, name: string | undefined): string | undefined {
  if (ids.ror) return `ror-${ids.ror.replace(/^.*\//, '')}`;
  if (ids.isni) return `isni-${ids.isni}`;
  if (ids.grid) return `grid-${ids.grid}`;
  if (ids.fundref) return `fundref-${ids.fundref.replace(/^.*10\.13039\//, '')}`;
  if (ids.ringgold) return `ringgold-${ids.ringgold}`;
  if (ids.lei) return `lei-${ids.lei}`;
  const s = name ? slug(name) : '';
  return s ? `name-${s}` : undefined;
}

/** The person key of docs/iri-patterns.md for a person known by ORCID or only by name. */
export function personKey(orcid: string | undefined, name: string | undefined): string | undefined {
  if (orcid) return `orcid-${orcid}`;
  const s = name ? slug(name) : '';
  return s ? `name-${s}` : undefined;
}

/** Drops undefined properties so records compare and print cleanly. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
