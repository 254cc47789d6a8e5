/** "Did you mean": the query with its misspelt words replaced by the indexed words the index found near them. */
import type { Correction } from '../../search/typos.js';
import { correctedQuery } from '../../search/typos.js';
import type { SearchLinks } from './links.js';

export interface Suggestion {
  /** The corrected query text. */
  q: string;
  /** Its first page. */
  view: string;
}

/** One suggestion for the whole query (every correction applied), when the text changes. */
export function didYouMean(q: string, corrections: Correction[], links: SearchLinks): Suggestion[] {
  const corrected = correctedQuery(q, corrections);
  return corrected === q ? [] : [{ q: corrected, view: links.query(corrected) }];
}
