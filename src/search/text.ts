/**
 * Text preparation shared by indexing and querying, so both sides agree.
 * SQLite's unicode61 tokenizer splits on spaces and punctuation and folds
 * case and diacritics (Göthe = Gothe), which leaves two gaps we close here:
 * - Han, kana and Hangul run together without spaces: "中国外交六十年" would be one
 *   token, and "外交" would not find it. Every CJK character becomes its own token,
 *   and a query's CJK run becomes a phrase of them (consecutive characters, as
 *   written). Measured on the demo fixtures' 63 CJK labels, probing every 1-, 2- and
 *   3-character substring: plain unicode61 finds 12/198, 35/152, 21/88 of them; the
 *   trigram tokenizer 0/198, 0/152, 88/88 (it cannot match the many two-character
 *   words) with an index 3.4x larger; one token per character finds all of them with
 *   an index 1.5x larger.
 * - German transliteration: "Goethe" and "Göthe", "Strasse" and "Straße". Words
 *   with ä ö ü ß are indexed a second time spelled ae oe ue ss.
 */
import { normalizeLabel } from '../ingest/subjects.js';

const CJK = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu;
const GERMAN = /[äöüÄÖÜß]/;
const GERMAN_WORD = /[\p{L}\p{N}]*[äöüÄÖÜß][\p{L}\p{N}]*/gu;
const GERMAN_MAP: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/** CJK characters spaced apart, so each is a token. */
export const spaceCjk = (s: string): string => s.replace(CJK, ' $1 ');

/** The ae/oe/ue/ss spelling of a word with umlauts or ß (undefined when it has none). */
export function germanSpelling(word: string): string | undefined {
  return GERMAN.test(word) ? word.replace(/[äöüÄÖÜß]/g, (c) => GERMAN_MAP[c] as string) : undefined;
}

/** A text as the index stores it: CJK spaced, umlaut words added again in their ae/oe/ue spelling. */
export function indexText(s: string): string {
  const nfc = s.normalize('NFC');
  const extra = GERMAN.test(nfc) ? (nfc.match(GERMAN_WORD) ?? []).map((w) => germanSpelling(w)).join(' ') : '';
  return spaceCjk(extra ? `${nfc} ${extra}` : nfc);
}

/** An identifier without punctuation or case: ISBN 978-3-16-148410-0 = 9783161484100, DOI case folded. */
export const compactId = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Case-, diacritics- and punctuation-insensitive form of a label (reconciliation compares these): the
 * same folding subject strings get when they are matched to thesaurus concepts at import.
 */
export const foldLabel = normalizeLabel;

/** Markup in abstracts (DataCite descriptions carry <p>): tags out, text kept. */
export const stripTags = (s: string): string => s.replace(/<[^>]{0,200}>/g, ' ');
