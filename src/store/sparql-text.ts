/**
 * Lexical views of SPARQL text for the few decisions made without a full parse
 * (which prefixes a query uses, its form when sparqljs itself crashes).
 */

const IRI = /<[^<>"{}|^`\\\s]*>/y;
const SPECIAL = /[#"'<]/g;
const blank = (s: string) => (s.includes('\n') ? s.replace(/[^\n]/g, ' ') : ' '.repeat(s.length));

/**
 * The text with comments, string literals and IRIs blanked out (same length,
 * newlines kept), so that keywords and prefixed names can be found by pattern
 * without matching inside an IRI, a string or a comment.
 */
export function codeOnly(text: string): string {
  const out: string[] = [];
  let kept = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(text); m; m = SPECIAL.exec(text)) {
    const i = m.index;
    const c = m[0];
    let stop = i + 1;
    if (c === '#') {
      const end = text.indexOf('\n', i);
      stop = end === -1 ? text.length : end;
    } else if (c === '<') {
      // An IRI has no spaces or quotes; anything else starting with '<' is an operator.
      IRI.lastIndex = i;
      const iri = IRI.exec(text);
      if (!iri) continue;
      stop = i + iri[0].length;
    } else {
      const long = text.startsWith(c.repeat(3), i);
      const quote = long ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j)) {
        if (!long && text[j] === '\n') break; // an unterminated short string: leave the rest to the parser
        j += text[j] === '\\' ? 2 : 1;
      }
      stop = Math.min(text.length, j + quote.length);
    }
    out.push(text.slice(kept, i), blank(text.slice(i, stop)));
    kept = stop;
    SPECIAL.lastIndex = stop;
  }
  out.push(text.slice(kept));
  return out.join('');
}

/** The query form from the first form keyword after the prologue; undefined for updates or nothing recognisable. */
export function sniffQueryForm(code: string): 'SELECT' | 'CONSTRUCT' | 'DESCRIBE' | 'ASK' | undefined {
  const m = /\b(SELECT|CONSTRUCT|DESCRIBE|ASK|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b/i.exec(code);
  const word = m?.[1]?.toUpperCase();
  return word === 'SELECT' || word === 'CONSTRUCT' || word === 'DESCRIBE' || word === 'ASK' ? word : undefined;
}

/** Whether the query names its own dataset (FROM / FROM NAMED). */
export const namesDataset = (code: string): boolean => /(?<![\w:.-])FROM\b/i.test(code);
