/**
 * Reviewed pairs as a ground truth (`libkg link export <spec> --truth`, `GET /links/decisions?format=csv`):
 * the CSV `link eval --truth` reads. `eval` takes every row as a true pair, so only accepted pairs are
 * written, as the records' ids (dct:identifier), the source's first; rejected pairs are not truth rows.
 */
import type { LinkDecision } from '../store/port.js';
import { csvField } from './evaluate.js';

export function truthCsv(decisions: LinkDecision[]): { csv: string; written: number; withoutId: number } {
  const rows: string[] = [];
  let withoutId = 0;
  for (const d of decisions) {
    if (d.decision !== 'accept') continue;
    if (d.sourceId === undefined || d.targetId === undefined) withoutId++;
    else rows.push(`${csvField(d.sourceId)},${csvField(d.targetId)}`);
  }
  return { csv: `id1,id2\n${rows.map((r) => `${r}\n`).join('')}`, written: rows.length, withoutId };
}
