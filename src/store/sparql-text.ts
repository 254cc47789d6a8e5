/**
 * Lexical views of SPARQL text for the few decisions made without a full parse
 * (which prefixes a query uses, its form when sparqljs itself crashes).
 */

/**
 * The text with comments, string literals and IRIs blanked out (same length,
 * newlines kept), so that keywords and prefixed names can be found by pattern
 * without matching inside an IRI, a string or a comment.
 */
export function codeOnly(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      const long = text.startsWith(c.repeat(3), i);
      const quote = long ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j)) {
        if (!long && text[j] === '\n') break; // an unterminated short string: leave the rest to the parser
        j += text[j] === '\\' ? 2 : 1;
      }
      const stop = Math.min(text.length, j + quote.length);
      blank(i, stop);
      i = stop;
    } else if (c === '<') {
      // An IRI has no spaces or quotes; anything else starting with '<' is an operator.
      const m = /^<[^<>"{}|^`\\\s]*>/.exec(text.slice(i, i + 4096));
      if (m) {
        blank(i, i + m[0].length);
        i += m[0].length;
      } else i++;
    } else i++;
  }
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
