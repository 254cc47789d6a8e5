/**
 * The search query language (Lucene-like, as lobid's users type it): words,
 * "quoted phrases", trailing * for prefixes, AND / OR / NOT (or -word),
 * parentheses, and fields: `title:`, `author:`/`contributor:`, `subject:`,
 * `id:`; `type:`, `lang:` and `year:` become filters. A malformed query (an
 * unclosed parenthesis or quote, an operator without a term on each side) is a
 * 400 `SEARCH_SYNTAX` naming the character where it goes wrong, never a list of
 * every entity. The parser only builds a tree: user text never reaches SQL or
 * FTS5 syntax except as a quoted string (sqlite.ts).
 */
import { LibkgError } from '../errors.js';
import { own } from '../own.js';

export type Field = 'title' | 'contributor' | 'subject' | 'id';

export type QueryNode =
  /** `variants`: indexed words one or two edits away (typos.ts), matched in a lower rank than `text`. */
  | { kind: 'term'; text: string; field?: Field; phrase: boolean; prefix: boolean; variants?: string[] }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

export interface QueryFilters {
  types: string[];
  langs: string[];
  years: { from?: number; to?: number }[];
}

export interface ParsedQuery {
  /** Undefined when the query holds no search term (list everything, filtered). */
  node?: QueryNode;
  filters: QueryFilters;
}

const FIELDS: Record<string, Field> = {
  title: 'title',
  name: 'title',
  label: 'title',
  author: 'contributor',
  contributor: 'contributor',
  creator: 'contributor',
  subject: 'subject',
  id: 'id',
  identifier: 'id',
  isbn: 'id',
  doi: 'id',
  orcid: 'id',
  issn: 'id',
};
const FILTER_FIELDS = new Set(['type', 'lang', 'language', 'year']);

/** Limits that keep one query cheap: a query beyond them is refused, not truncated. */
export const MAX_QUERY_LENGTH = 1000;
export const MAX_TERMS = 32;
const MAX_DEPTH = 10;

/** `at`: the token's first character in the query, counted from 1 (error messages name it). */
type Token = { at: number } & (
  | { t: 'word'; v: string; field?: string; neg: boolean }
  | { t: 'phrase'; v: string; field?: string; neg: boolean }
  | { t: 'open'; field?: string; neg: boolean }
  | { t: 'close' }
  | { t: 'op'; v: 'AND' | 'OR' | 'NOT' }
);

/** A malformed query: 400 SEARCH_SYNTAX with the position (from 1) of the character where it goes wrong. */
export function syntaxError(at: number, reason: string): LibkgError {
  return new LibkgError('SEARCH_SYNTAX', `the search query is malformed at character ${at}: ${reason}`, { position: at });
}

const FIELD_PREFIX = /^([A-Za-z]+):(.*)$/s;

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i + 1;
    if (c === ')') {
      out.push({ t: 'close', at });
      i++;
      continue;
    }
    let neg = false;
    if ((c === '-' || c === '+' || c === '!') && i + 1 < q.length && !/\s/.test(q[i + 1] as string)) {
      neg = c !== '+';
      i++;
    }
    // A field name directly before a phrase or a group: title:"..." / author:(...)
    let field: string | undefined;
    const m = /^([A-Za-z]+):(?=["(])/.exec(q.slice(i, i + 40));
    if (m && (own(FIELDS, (m[1] as string).toLowerCase()) || FILTER_FIELDS.has((m[1] as string).toLowerCase()))) {
      field = (m[1] as string).toLowerCase();
      i += m[0].length;
    }
    const d = q[i];
    if (d === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) throw syntaxError(i + 1, 'this quote is never closed (phrases are written "like this")');
      out.push({ t: 'phrase', v: q.slice(i + 1, end), field, neg, at });
      i = end + 1;
      continue;
    }
    if (d === '(') {
      out.push({ t: 'open', field, neg, at: i + 1 });
      i++;
      continue;
    }
    let j = i;
    while (j < q.length && !/[\s()"]/.test(q[j] as string)) j++;
    const word = q.slice(i, j);
    i = j;
    if (!neg && !field && (word === 'AND' || word === 'OR' || word === 'NOT' || word === '&&' || word === '||')) {
      out.push({ t: 'op', v: word === '&&' ? 'AND' : word === '||' ? 'OR' : word, at });
      continue;
    }
    const f = FIELD_PREFIX.exec(word);
    if (!field && f && (own(FIELDS, (f[1] as string).toLowerCase()) || FILTER_FIELDS.has((f[1] as string).toLowerCase())) && f[2]) {
      out.push({ t: 'word', v: f[2] as string, field: (f[1] as string).toLowerCase(), neg, at });
    } else if (word) out.push({ t: 'word', v: word, field, neg, at });
  }
  return out;
}

/** Letters or digits: a term without any is punctuation and matches nothing. */
const HAS_TEXT = /[\p{L}\p{N}]/u;

function yearRange(raw: string): { from?: number; to?: number } {
  const m = /^(\d{1,4})?\s*(?:-|\.\.|,)?\s*(\d{1,4})?$/.exec(raw.trim());
  const single = /^\d{1,4}$/.test(raw.trim());
  if (!m || (!m[1] && !m[2])) throw new LibkgError('BAD_REQUEST', `year must be a year or a range such as 1990-2000, got "${raw}"`);
  if (single) return { from: Number(raw), to: Number(raw) };
  return { ...(m[1] ? { from: Number(m[1]) } : {}), ...(m[2] ? { to: Number(m[2]) } : {}) };
}

export { yearRange as parseYearRange };

class Parser {
  private pos = 0;
  private terms = 0;
  readonly filters: QueryFilters = { types: [], langs: [], years: [] };

  constructor(private readonly tokens: Token[]) {}

  parse(): QueryNode | undefined {
    const parts: QueryNode[] = [];
    while (this.pos < this.tokens.length) {
      const n = this.or(0, undefined);
      if (n) parts.push(n);
      // A stray ')' at the top level ends nothing: skip it.
      if (this.tokens[this.pos]?.t === 'close') this.pos++;
    }
    return simplify({ kind: 'and', children: parts });
  }

  private or(depth: number, field: string | undefined): QueryNode | undefined {
    const alts: QueryNode[] = [];
    for (;;) {
      const n = this.and(depth, field);
      if (n) alts.push(n);
      const t = this.tokens[this.pos];
      if (t?.t === 'op' && t.v === 'OR') {
        this.pos++;
        continue;
      }
      break;
    }
    return simplify({ kind: 'or', children: alts });
  }

  private and(depth: number, field: string | undefined): QueryNode | undefined {
    const parts: QueryNode[] = [];
    for (;;) {
      const t = this.tokens[this.pos];
      if (!t || t.t === 'close' || (t.t === 'op' && t.v === 'OR')) break;
      if (t.t === 'op' && t.v === 'AND') {
        this.pos++;
        continue;
      }
      const n = this.unary(depth, field);
      if (n) parts.push(n);
    }
    return simplify({ kind: 'and', children: parts });
  }

  private unary(depth: number, field: string | undefined): QueryNode | undefined {
    const t = this.tokens[this.pos];
    if (t?.t === 'op' && t.v === 'NOT') {
      this.pos++;
      const n = this.unary(depth, field);
      return n && { kind: 'not', child: n };
    }
    const n = this.primary(depth, field);
    return n;
  }

  private primary(depth: number, inherited: string | undefined): QueryNode | undefined {
    const t = this.tokens[this.pos++];
    if (!t || t.t === 'op' || t.t === 'close') return undefined;
    const field = ('field' in t && t.field) || inherited;
    let n: QueryNode | undefined;
    if (t.t === 'open') {
      if (depth >= MAX_DEPTH) throw new LibkgError('BAD_REQUEST', `the query nests parentheses deeper than ${MAX_DEPTH} levels`);
      n = this.or(depth + 1, field);
      if (this.tokens[this.pos]?.t === 'close') this.pos++;
    } else n = this.leaf(t.v, t.t === 'phrase', field);
    return n && t.neg ? { kind: 'not', child: n } : n;
  }

  private leaf(raw: string, phrase: boolean, field: string | undefined): QueryNode | undefined {
    if (field && FILTER_FIELDS.has(field)) {
      const v = raw.trim();
      if (!v) return undefined;
      if (field === 'type') this.filters.types.push(v);
      else if (field === 'year') this.filters.years.push(yearRange(v));
      else this.filters.langs.push(v.toLowerCase());
      return undefined;
    }
    let text = raw;
    let prefix = false;
    if (!phrase && text.endsWith('*')) {
      text = text.replace(/\*+$/, '');
      prefix = true;
    }
    text = text.replace(/\*/g, ' ').trim();
    if (!HAS_TEXT.test(text)) return undefined;
    if (++this.terms > MAX_TERMS) throw new LibkgError('BAD_REQUEST', `the query has more than ${MAX_TERMS} terms`);
    return { kind: 'term', text, phrase, prefix, ...(field ? { field: own(FIELDS, field) } : {}) };
  }
}

function simplify(n: { kind: 'and' | 'or'; children: QueryNode[] }): QueryNode | undefined {
  if (n.children.length === 0) return undefined;
  if (n.children.length === 1) return n.children[0];
  return n;
}

const OPERAND_END = new Set(['word', 'phrase', 'close']);
const OPERAND_START = new Set(['word', 'phrase', 'open']);

/** Balanced parentheses, and a term on each side of AND/OR (after NOT): else SEARCH_SYNTAX saying where. */
function checkSyntax(tokens: Token[]): void {
  const open: Token[] = [];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.t === 'open') open.push(t);
    else if (t.t === 'close') {
      if (!open.pop()) throw syntaxError(t.at, "this ')' closes no '('");
      if (prev?.t === 'open') throw syntaxError(prev.at, 'the parentheses hold no term');
    } else if (t.t === 'op') {
      const startsOperand = next && (OPERAND_START.has(next.t) || (next.t === 'op' && next.v === 'NOT'));
      if (t.v !== 'NOT' && !(prev && OPERAND_END.has(prev.t)))
        throw syntaxError(t.at, `${t.v} needs a term before it (write "and" in lower case to search for the word)`);
      if (!startsOperand) throw syntaxError(t.at, `${t.v} needs a term after it`);
    }
  });
  const unclosed = open.pop();
  if (unclosed) throw syntaxError(unclosed.at, "this '(' is never closed");
}

/**
 * Parses a user's query string; throws SEARCH_SYNTAX (400, with the position) for a malformed query or one
 * with nothing to search for, BAD_REQUEST for queries beyond the limits or malformed filters.
 */
export function parseQuery(q: string): ParsedQuery {
  if (q.length > MAX_QUERY_LENGTH) throw new LibkgError('BAD_REQUEST', `the query is longer than ${MAX_QUERY_LENGTH} characters`);
  const tokens = tokenize(q.normalize('NFC'));
  checkSyntax(tokens);
  const parser = new Parser(tokens);
  const node = parser.parse();
  const f = parser.filters;
  if (!node && f.types.length + f.langs.length + f.years.length === 0)
    throw syntaxError(1, 'the query has no word, phrase or filter to search for (letters or digits; * alone lists everything)');
  return { node, filters: parser.filters };
}
