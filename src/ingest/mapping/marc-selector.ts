/**
 * Compiles MARC selectors (`245$ab`, `650[ind2=0]$a`, `008/35-37`, `880[linked]$a`,
 * `100|700`) into functions over the @natlibfi/marc-record object shape.
 */
import type { Item, Scope, Source } from './scope.js';
import { trimIsbd } from './transforms.js';

export interface MarcSubfield {
  code: string;
  value?: string;
}
export interface MarcField {
  tag: string;
  value?: string;
  ind1?: string;
  ind2?: string;
  subfields?: MarcSubfield[];
}
export interface MarcRecordData {
  leader?: string;
  fields?: MarcField[];
}

export interface MarcSelectorOptions {
  /** One value per subfield instead of the subfields of a field joined. */
  split?: boolean;
  join?: string;
  /** Subfield codes that start a subject subdivision (`vxyz`): joined with " -- " instead of `join`. */
  subdivide?: string;
}

type FieldTest = (f: MarcField, scope: Scope) => boolean;

/** Splits on `sep` outside square brackets. */
export function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

const ALT = /^(LDR|leader|[0-9X]{3}|ind1|ind2|tag)?((?:\[[^\]]*\])*)(?:\$([0-9a-z]+))?(?:\/(\d+)(?:-(\d+))?)?$/;

const blank = (c: string | undefined) => (c === undefined || c === ' ' || c === '#' ? '_' : c);

/** `$6` occurrence link "880-02" / "245-02/$1" -> [tag, occurrence]. */
function link6(f: MarcField): [string, string] | undefined {
  const v = f.subfields?.find((s) => s.code === '6')?.value;
  const m = v ? /^(\d{3})-(\d{2})/.exec(v) : null;
  return m && m[2] !== '00' ? [m[1] as string, m[2] as string] : undefined;
}

function compileFilter(text: string): FieldTest {
  if (text === 'linked') {
    return (f, scope) => {
      const cur = scope.element as MarcField | undefined;
      if (!cur || typeof cur !== 'object' || !('tag' in cur)) return false;
      const a = link6(cur);
      const b = link6(f);
      if (!a || !b) return false;
      // cur 100 with $6 880-02 <-> f 880 with $6 100-02 (or the reverse).
      return a[0] === f.tag && b[0] === cur.tag && a[1] === b[1];
    };
  }
  let m = /^(ind[12])=(.+)$/.exec(text);
  if (m) {
    const key = m[1] as 'ind1' | 'ind2';
    const allowed = new Set((m[2] as string).split('|').map((c) => blank(c)));
    return (f) => allowed.has(blank(f[key]));
  }
  m = /^!\$([0-9a-z])$/.exec(text);
  if (m) {
    const code = m[1];
    return (f) => !f.subfields?.some((s) => s.code === code);
  }
  m = /^\$([0-9a-z])(\^=|~=|=)(.*)$/.exec(text);
  if (m) {
    const code = m[1];
    const op = m[2];
    const want = m[3] as string;
    let test: (v: string) => boolean;
    if (op === '=') test = (v) => v.trim() === want;
    else if (op === '^=') {
      const w = want.toLowerCase();
      test = (v) => v.trim().toLowerCase().startsWith(w);
    } else {
      const re = new RegExp(want, 'u');
      test = (v) => re.test(v);
    }
    return (f) => !!f.subfields?.some((s) => s.code === code && test(s.value ?? ''));
  }
  throw new Error(`bad MARC filter [${text}]`);
}

/** The record's fields by tag, in record order; built on first use. */
function tagIndex(scope: Scope): Map<string, MarcField[]> {
  const st = scope.state;
  if (!st.tagIndex) {
    st.tagIndex = new Map();
    for (const f of (st.record as MarcRecordData).fields ?? []) {
      const list = st.tagIndex.get(f.tag);
      if (list) list.push(f);
      else st.tagIndex.set(f.tag, [f]);
    }
  }
  return st.tagIndex as Map<string, MarcField[]>;
}

const fieldsByTag = (scope: Scope, tag: string): MarcField[] => tagIndex(scope).get(tag) ?? [];

const INVISIBLE = /[\u200e\u200f\u202a-\u202e\u0088\u0089\u0098\u009c]/;
const INVISIBLE_ALL = /[\u200e\u200f\u202a-\u202e\u0088\u0089\u0098\u009c]/g;

/** Whether every character of `v` is below `limit`: a scan is cheaper than the regexes below on the common (ASCII) value. */
function allBelow(v: string, limit: number): boolean {
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) >= limit) return false;
  return true;
}

// Only strings with a combining mark can change under NFC (bar rare singletons); testing for
// one is much cheaper than normalising every non-ASCII value. No mark lies below U+0300.
const COMBINING = /\p{M}/u;
/** RDF literals in NFC: LC records are often decomposed (o + U+0304). */
export function nfc(v: string): string {
  if (allBelow(v, 0x300)) return v;
  // normalize() returns its input when that is NFC already (ICU's quick check), three times
  // faster than the regex; the regex still decides, as before, whether a changed value is taken.
  const n = v.normalize('NFC');
  return n === v || !COMBINING.test(v) ? v : n;
}

const isEmptyPosition = (v: string) => /^[\s|]*$/.test(v);

/** A tag-headed alternative: which fields it takes and what it gives from one field. */
interface FieldAlternative {
  /** The tag, when not a wildcard. */
  exact?: string;
  tag: (tag: string) => boolean;
  take: (f: MarcField, scope: Scope, out: Item[]) => void;
}

function compileAlternative(alt: string, opts: MarcSelectorOptions): Source & { fields?: FieldAlternative } {
  const m = ALT.exec(alt.trim());
  if (!m) throw new Error(`bad MARC selector "${alt}"`);
  const head = m[1];
  const filters = (m[2] ?? '').match(/\[[^\]]*\]/g)?.map((f) => compileFilter(f.slice(1, -1))) ?? [];
  const codes = m[3];
  /** Subfield codes taken, by character code: a table lookup per subfield instead of a string search. */
  const wanted = codes ? new Set([...codes]) : undefined;
  const from = m[4] === undefined ? undefined : Number(m[4]);
  const to = m[5] === undefined ? from : Number(m[5]);
  const join = opts.join ?? ' ';
  const subdivide = opts.subdivide;
  const pass = (f: MarcField, scope: Scope) => filters.every((t) => t(f, scope));

  // Values of one field: positions, chosen subfields (joined or split) or the whole field.
  const valuesOf = (f: MarcField, out: Item[]) => {
    if (f.subfields === undefined) {
      const v = f.value ?? '';
      if (from !== undefined) {
        const part = v.slice(from, (to as number) + 1);
        if (!isEmptyPosition(part)) out.push({ v: part, o: f });
      } else if (v !== '') out.push({ v: nfc(v), o: f });
      return;
    }
    let joined = '';
    for (const s of f.subfields) {
      if (wanted ? !wanted.has(s.code) : s.code === '6' || s.code === '8') continue;
      let v = (s.value ?? '').trim();
      // Most values are ASCII: neither invisible marks nor combining marks to look for.
      if (!allBelow(v, 0x80)) {
        // Bidi marks around Hebrew/Arabic text and non-sorting markers (U+0088/89, U+0098/9C
        // around "Die ", "von") are display and filing aids, not content.
        if (INVISIBLE.test(v))
          v = v
            .replace(INVISIBLE_ALL, '')
            .replace(/\s{2,}/g, ' ')
            .trim();
        v = nfc(v);
      }
      if (!v) continue;
      if (opts.split) out.push({ v, o: f });
      else if (!joined) joined = v;
      else if (subdivide?.includes(s.code)) joined = `${trimIsbd(joined)} -- ${v}`;
      else joined += join + v;
    }
    if (joined) out.push({ v: joined, o: f });
  };

  if (head === 'LDR' || head === 'leader') {
    return (scope) => {
      const leader = (scope.state.record as MarcRecordData).leader ?? '';
      const part = from === undefined ? leader : leader.slice(from, (to as number) + 1);
      return isEmptyPosition(part) ? [] : [{ v: part, o: scope.state.record }];
    };
  }
  if (head === 'ind1' || head === 'ind2' || head === 'tag') {
    const key = head;
    return (scope) => {
      const f = scope.element as MarcField;
      if (!f || typeof f !== 'object' || typeof f.tag !== 'string' || !pass(f, scope)) return [];
      if (key === 'tag') return [{ v: f.tag, o: f }];
      return f.subfields ? [{ v: blank(f[key]), o: f }] : [];
    };
  }
  if (head === undefined) {
    // Relative to the current field of an `each`.
    return (scope) => {
      const f = scope.element as MarcField;
      if (!f || typeof f !== 'object' || typeof f.tag !== 'string' || !pass(f, scope)) return [];
      const out: Item[] = [];
      valuesOf(f, out);
      return out;
    };
  }
  const take = (f: MarcField, scope: Scope, out: Item[]) => {
    if (pass(f, scope)) valuesOf(f, out);
  };
  if (head.includes('X')) {
    const re = new RegExp(`^${head.replace(/X/g, '\\d')}$`);
    const tag = (t: string) => re.test(t);
    return Object.assign(
      (scope: Scope) => {
        const out: Item[] = [];
        for (const f of (scope.state.record as MarcRecordData).fields ?? []) if (tag(f.tag)) take(f, scope, out);
        return out;
      },
      { fields: { tag, take } },
    );
  }
  return Object.assign(
    (scope: Scope) => {
      const out: Item[] = [];
      for (const f of fieldsByTag(scope, head)) take(f, scope, out);
      return out;
    },
    { fields: { exact: head, tag: (t: string) => t === head, take } },
  );
}

/** Compiles a whole selector; alternatives give their values in record order. */
export function compileMarcSelector(selector: string, opts: MarcSelectorOptions = {}): Source {
  const alts = splitTopLevel(selector, '|').map((a) => compileAlternative(a, opts));
  if (alts.length === 1) return alts[0] as Source;
  const fieldAlts = alts.map((a) => a.fields);
  if (fieldAlts.every((a) => a !== undefined)) {
    // One pass over the record keeps record order (100 before 700 whatever the selector says);
    // exact tags are looked up in a map, wildcard tags (6XX) tested.
    const exact = new Map<string, FieldAlternative[]>();
    const wild: FieldAlternative[] = [];
    for (const a of fieldAlts as FieldAlternative[]) {
      if (a.exact === undefined) wild.push(a);
      else exact.set(a.exact, [...(exact.get(a.exact) ?? []), a]);
    }
    const tags = [...exact.keys()];
    return (scope) => {
      const out: Item[] = [];
      if (!wild.length) {
        // Most records hold one of the tags or none (a note selector names 21): then the tag
        // index gives the fields in record order, without a pass over the whole record.
        const index = tagIndex(scope);
        let present: string | undefined;
        let several = false;
        for (const t of tags) {
          if (!index.has(t)) continue;
          several = present !== undefined;
          if (several) break;
          present = t;
        }
        if (present === undefined) return out;
        if (!several) {
          const hits = exact.get(present) as FieldAlternative[];
          for (const f of index.get(present) as MarcField[]) for (const a of hits) a.take(f, scope, out);
          return out;
        }
      }
      for (const f of (scope.state.record as MarcRecordData).fields ?? []) {
        const hits = exact.get(f.tag);
        if (hits) for (const a of hits) a.take(f, scope, out);
        for (const a of wild) if (a.tag(f.tag)) a.take(f, scope, out);
      }
      return out;
    };
  }
  // Relative alternatives ($4|$e) or leader/indicator mixes: in selector order.
  return (scope) => {
    const out: Item[] = [];
    for (const a of alts) for (const it of a(scope)) out.push(it);
    return out;
  };
}
