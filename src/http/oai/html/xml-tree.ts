/**
 * The provider's own OAI-PMH XML as a small element tree, for the HTML view: the page is made from
 * exactly the document a harvester gets. Whitespace-only text between elements is dropped.
 */
import { SaxesParser } from 'saxes';
import { escapeXml } from '../protocol/xml-writer.js';

export interface XmlElement {
  /** The qualified name as written (`oai_dc:dc`, `dc:title`, `record`). */
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

export function parseXmlTree(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const top = () => stack[stack.length - 1] as XmlElement;
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [] };
    top().children.push(el);
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', (text) => {
    if (text.trim() !== '') top().children.push(text);
  });
  parser.on('cdata', (text) => void top().children.push(text));
  parser.write(xml).close();
  const first = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!first) throw new Error('OAI-PMH response without a root element');
  return first;
}

/** The local part of a qualified name. */
export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

export const elements = (el: XmlElement | undefined, local?: string): XmlElement[] =>
  (el?.children ?? []).filter((c): c is XmlElement => typeof c !== 'string' && (local === undefined || localName(c.name) === local));

export const child = (el: XmlElement | undefined, local: string): XmlElement | undefined => elements(el, local)[0];

/** All text below an element, in document order. */
export const textOf = (el: XmlElement | undefined): string => (el?.children ?? []).map((c) => (typeof c === 'string' ? c : textOf(c))).join('');

/** The element again as indented XML source (for showing MARCXML or RDF/XML as text). */
export function xmlSource(el: XmlElement, indent = ''): string {
  const attrs = Object.entries(el.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (!el.children.length) return `${indent}<${el.name}${attrs}/>`;
  if (el.children.every((c) => typeof c === 'string')) return `${indent}<${el.name}${attrs}>${escapeXml(el.children.join(''))}</${el.name}>`;
  const inner = el.children.map((c) => (typeof c === 'string' ? `${indent}  ${escapeXml(c.trim())}` : xmlSource(c, `${indent}  `)));
  return `${indent}<${el.name}${attrs}>\n${inner.join('\n')}\n${indent}</${el.name}>`;
}
