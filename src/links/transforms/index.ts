/** The transforms a link spec may name, in the order a value passes through them. */
import { doi, gnd, isbn10, isbn13, isni, issn, orcid, viaf } from './identifiers.js';
import {
  decodeEntities,
  deletions,
  digits,
  foldDiacritics,
  initials,
  lowercase,
  nameKeys,
  normalizeSpace,
  sortTokens,
  splitList,
  stripOrgForms,
  stripPunctuation,
  tokens,
  year,
} from './text.js';

type Transform = (v: string) => string | string[];

export const TRANSFORMS: Record<string, Transform> = {
  'decode-entities': decodeEntities,
  lowercase,
  'fold-diacritics': foldDiacritics,
  'strip-punctuation': stripPunctuation,
  'normalize-space': normalizeSpace,
  'strip-org-forms': stripOrgForms,
  tokens,
  'sort-tokens': sortTokens,
  initials,
  'name-keys': nameKeys,
  deletions,
  year,
  digits,
  'split-list': splitList,
  isbn13,
  isbn10,
  doi,
  issn,
  orcid,
  isni,
  viaf,
  gnd,
};

export const TRANSFORM_NAMES = Object.keys(TRANSFORMS);

/** Runs the named transforms over raw values; empty results are dropped. Names are checked when the spec is parsed. */
export function applyTransforms(names: readonly string[], raw: readonly string[]): string[] {
  let vals: string[] = raw.slice();
  for (const name of names) {
    const t = TRANSFORMS[name];
    if (!t) throw new Error(`unknown transform ${name}`);
    const next: string[] = [];
    for (const v of vals) {
      const r = t(v);
      if (typeof r === 'string') next.push(r);
      else for (const x of r) next.push(x);
    }
    vals = next;
  }
  return vals.filter((v) => v !== '');
}
