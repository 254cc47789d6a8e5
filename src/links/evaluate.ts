/**
 * Scoring a run against a ground truth of id pairs (`link eval`): precision, recall and F1 over
 * unordered pairs of source-record ids, and the found links as a CSV others can score.
 */
import { parse } from 'csv-parse/sync';
import { LibkgError } from '../errors.js';
import type { ScoredPair } from './engine/index.js';

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  /** Links found (accepted). */
  pairs: number;
  truePositives: number;
}

const key = (a: string, b: string) => (a < b ? `${a}\0${b}` : `${b}\0${a}`);

export interface Truth {
  /** Unordered id pairs. */
  pairs: Set<string>;
  /** The ids of the first column: which group's ids come first in the --pairs output. */
  firstIds: Set<string>;
}

/** The truth file's pairs: a CSV with a header row and the two ids in its first two columns (in either order). */
export function readTruth(text: string, file: string): Truth {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    throw new LibkgError('BAD_REQUEST', `${file}: not a CSV file: ${(e as Error).message}`);
  }
  const pairs = new Set<string>();
  const firstIds = new Set<string>();
  rows.slice(1).forEach((row, i) => {
    const [a, b] = row;
    if (!a || !b) throw new LibkgError('BAD_REQUEST', `${file} line ${i + 2}: expected two ids, got ${JSON.stringify(row)}`);
    pairs.add(key(a, b));
    firstIds.add(a);
  });
  return { pairs, firstIds };
}

/** The group most of whose entities' ids stand in the truth's first column (undefined without groups). */
function firstGroup(ids: Map<string, string>, groups: Map<string, string>, firstIds: Set<string>): string | undefined {
  const hits = new Map<string, number>();
  for (const [iri, group] of groups) hits.set(group, (hits.get(group) ?? 0) + (firstIds.has(ids.get(iri) ?? '\0') ? 1 : 0));
  return [...hits].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The accepted links as pairs of ids; a link whose entities have no id is left out (and counted).
 * With graph groups (a deduplication across tables), id1 is from the group of the truth's first column.
 */
export function idPairs(
  pairs: ScoredPair[],
  ids: Map<string, string>,
  groups = new Map<string, string>(),
  firstIds = new Set<string>(),
): { pairs: { id1: string; id2: string; score: number }[]; withoutId: number } {
  const first = firstGroup(ids, groups, firstIds);
  const out: { id1: string; id2: string; score: number }[] = [];
  let withoutId = 0;
  for (const p of pairs) {
    if (p.status !== 'accepted') continue;
    const swap = first !== undefined && groups.get(p.source) !== first && groups.get(p.target) === first;
    const id1 = ids.get(swap ? p.target : p.source);
    const id2 = ids.get(swap ? p.source : p.target);
    if (id1 === undefined || id2 === undefined) withoutId++;
    else out.push({ id1, id2, score: p.score });
  }
  return { pairs: out, withoutId };
}

export function score(found: { id1: string; id2: string }[], truth: Set<string>): Scores {
  const keys = new Set(found.map((p) => key(p.id1, p.id2)));
  let tp = 0;
  for (const k of keys) if (truth.has(k)) tp++;
  const precision = keys.size ? tp / keys.size : 0;
  const recall = truth.size ? tp / truth.size : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, pairs: keys.size, truePositives: tp };
}

export const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export function pairsCsv(pairs: { id1: string; id2: string; score: number }[]): string {
  return `id1,id2,score\n${pairs.map((p) => `${csvField(p.id1)},${csvField(p.id2)},${p.score}`).join('\n')}${pairs.length ? '\n' : ''}`;
}
