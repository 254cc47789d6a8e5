/**
 * A parsed query (query.ts) as an FTS5 MATCH expression. Every piece of user
 * text goes in as an FTS5 string ("..." with " doubled), so no user input is
 * ever read as FTS5 syntax: operators, columns, NEAR and * are ours alone.
 */
import { LibkgError } from '../errors.js';
import { identifierForms } from './identifiers.js';
import type { Field, QueryNode } from './query.js';
import { germanSpelling, spaceCjk } from './text.js';

/** FTS5 columns, in table order; bm25 weights rank a label hit above a hit in an abstract. */
export const COLUMNS = ['label', 'alt', 'contributor', 'subject', 'identifier', 'body'] as const;
export const WEIGHTS = [10, 4, 3, 2, 6, 1];

const FIELD_COLUMNS: Record<Field, string> = {
  title: '{label alt}',
  contributor: 'contributor',
  subject: 'subject',
  id: 'identifier',
};

/** Looks like an identifier (ISBN, DOI, ORCID, call number): digits joined by punctuation. */
export const ID_LIKE = /^(?=.*\d)[\p{L}\p{N}][\p{L}\p{N}\-./:_]*[\p{L}\p{N}X]$/u;

// FTS5 ends a string at NUL: control characters become spaces, quotes are doubled.
const str = (s: string) => `"${s.replace(/\p{Cc}/gu, ' ').replace(/"/g, '""')}"`;

function termExpression(node: Extract<QueryNode, { kind: 'term' }>, typos: boolean): string {
  const star = node.prefix ? '*' : '';
  const spellings = [node.text, germanSpelling(node.text), ...(typos ? (node.variants ?? []) : [])].filter((s): s is string => !!s);
  const alts = spellings.map((s) => `${str(spaceCjk(s))}${star}`);
  if (node.field === 'id' || (!node.field && ID_LIKE.test(node.text))) {
    for (const form of identifierForms(node.text)) {
      if (form !== node.text.toLowerCase()) alts.push(node.field === 'id' ? `${str(form)}${star}` : `identifier : ${str(form)}${star}`);
    }
  }
  const expr = alts.length === 1 ? (alts[0] as string) : `(${alts.join(' OR ')})`;
  return node.field ? `${FIELD_COLUMNS[node.field]} : ${expr.startsWith('(') ? expr : `(${expr})`}` : expr;
}

const negativeOnly = () =>
  new LibkgError('BAD_REQUEST', 'a query needs at least one term that is not negated: NOT and - can only exclude from other terms (e.g. goethe -faust)');

/** The FTS5 expression for a query tree (with its typo variants when `typos`); throws BAD_REQUEST when a part of it only excludes. */
export function ftsExpression(node: QueryNode, typos = false): string {
  const sub = (n: QueryNode) => ftsExpression(n, typos);
  switch (node.kind) {
    case 'term':
      return termExpression(node, typos);
    case 'not':
      throw negativeOnly();
    case 'or':
      return `(${node.children.map(sub).join(' OR ')})`;
    case 'and': {
      const pos = node.children.filter((c) => c.kind !== 'not');
      const neg = node.children.filter((c): c is Extract<QueryNode, { kind: 'not' }> => c.kind === 'not');
      if (pos.length === 0) throw negativeOnly();
      const base = `(${pos.map(sub).join(' AND ')})`;
      return neg.reduce((acc, n) => `${acc} NOT ${wrap(sub(n.child))}`, base);
    }
  }
}

const wrap = (e: string) => (e.startsWith('(') ? e : `(${e})`);
