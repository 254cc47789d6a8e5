/**
 * The learned spec as YAML text: the original file with only the weights, `accept`, `review` and
 * `version` changed (through the YAML document, so comments and layout stay), and a comment on top
 * saying where the numbers came from.
 */
import { parseDocument } from 'yaml';
import type { LinkSpec } from '../engine/index.js';
import type { LearnResult } from './fit.js';

export function learnedSpecText(text: string, spec: LinkSpec, learned: LearnResult, note: string): string {
  const doc = parseDocument(text);
  learned.weights.forEach((w, k) => {
    if (w !== spec.compare[k]?.weight) doc.setIn(['compare', k, 'weight'], w);
  });
  doc.set('accept', learned.accept);
  doc.set('review', learned.review);
  doc.set('version', spec.version + 1);
  doc.commentBefore = ` ${note}${doc.commentBefore ? `\n${doc.commentBefore}` : ''}`;
  return doc.toString({ lineWidth: 0 });
}
