/**
 * A small streaming-style XML writer: every text and attribute value goes
 * through `escapeXml`, so record content can never break the markup.
 * Hand-written because OAI-PMH needs only elements, attributes and text,
 * and string building is several times faster than a DOM for 100k records.
 */

// Characters XML 1.0 forbids even when escaped (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/FFFF).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to drop
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

export type Attrs = Readonly<Record<string, string | number | undefined>>;

export class XmlWriter {
  private readonly parts: string[] = [];
  private readonly stack: string[] = [];

  constructor(declaration = true) {
    if (declaration) this.parts.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  }

  private tag(name: string, attrs: Attrs | undefined): string {
    let s = `<${name}`;
    if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined) s += ` ${k}="${escapeXml(String(v))}"`;
    return s;
  }

  open(name: string, attrs?: Attrs): this {
    this.parts.push(`${this.tag(name, attrs)}>`);
    this.stack.push(name);
    return this;
  }

  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('XmlWriter: close() without open()');
    this.parts.push(`</${name}>`);
    return this;
  }

  /** An element holding only text (empty text gives an empty element). */
  leaf(name: string, text: string, attrs?: Attrs): this {
    this.parts.push(text === '' ? `${this.tag(name, attrs)}/>` : `${this.tag(name, attrs)}>${escapeXml(text)}</${name}>`);
    return this;
  }

  /** Inserts markup already produced by a trusted XML serializer (RDF/XML from Oxigraph). */
  raw(xml: string): this {
    this.parts.push(xml);
    return this;
  }

  toString(): string {
    if (this.stack.length) throw new Error(`XmlWriter: unclosed <${this.stack.join('>, <')}>`);
    return this.parts.join('');
  }
}
