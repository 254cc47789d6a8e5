import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { withPatentEntities } from './patent-entities.js';

/** A light element tree of one patent document (bibliographic part and abstract). */
export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: (XNode | string)[];
}

/** One document cut from the input: its tree, or why it could not be read. */
export interface XmlDocument {
  /** Position in the file, from 1. */
  index: number;
  root?: XNode;
  error?: string;
}

/**
 * Elements whose content no patent reader uses (full text, claims, drawings,
 * sequence listings): kept as empty nodes so memory stays near the size of
 * the bibliographic data even for 600 KB chemistry documents.
 */
const SKIPPED = new Set([
  'description',
  'claims',
  'drawings',
  'us-sequence-list-doc',
  'sequence-list-new-rules',
  'subdoc-description',
  'subdoc-claims',
  'subdoc-drawings',
  'SDODE',
  'SDOCL',
  'SDODR',
  'ep-reference-list',
  'search-report-data',
]);

/** Builds the tree of one XML document with saxes, decoding DTD character entities from a fixed map. */
class DocumentBuilder {
  root?: XNode;
  error?: string;
  private readonly parser = new SaxesParser({ xmlns: false });
  private readonly stack: XNode[] = [];
  private skipDepth = 0;

  constructor() {
    const p = this.parser;
    // saxes ignores DOCTYPE declarations, so the USPTO DTD entities come from our map.
    p.ENTITIES = withPatentEntities(p.ENTITIES);
    p.on('opentag', (tag) => {
      if (this.skipDepth > 0) {
        this.skipDepth++;
        return;
      }
      const node: XNode = { name: tag.name, attrs: tag.attributes, children: [] };
      const parent = this.stack[this.stack.length - 1];
      if (parent) parent.children.push(node);
      else this.root ??= node;
      if (SKIPPED.has(tag.name)) this.skipDepth = 1;
      else this.stack.push(node);
    });
    p.on('closetag', () => {
      if (this.skipDepth > 0) this.skipDepth--;
      else this.stack.pop();
    });
    const onText = (text: string) => {
      const top = this.stack[this.stack.length - 1];
      if (this.skipDepth > 0 || !top) return;
      const last = top.children.length - 1;
      if (typeof top.children[last] === 'string') top.children[last] += text;
      else top.children.push(text);
    };
    p.on('text', onText);
    p.on('cdata', onText);
    p.on('error', (e) => {
      this.error ??= e.message;
    });
  }

  write(text: string): void {
    // After the first well-formedness error the rest of this document is ignored.
    if (!this.error && text) this.parser.write(text);
  }

  close(): void {
    if (!this.error) this.parser.close();
    if (!this.error && !this.root) this.error = 'no root element';
  }
}

const DECLARATION = /<\?xml[\s?]/g;
/** Characters kept back at a chunk end: a `<?xml` cut in two must not be missed. */
const HOLD_BACK = 5;

/**
 * Splits a stream into XML documents and parses each: USPTO weekly bulk files
 * concatenate complete documents, each starting with its own `<?xml …?>`
 * declaration, so the file as a whole is not well-formed XML. Only one
 * document is held in memory at a time.
 */
export async function* xmlDocuments(input: Readable): AsyncGenerator<XmlDocument> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let current: DocumentBuilder | undefined;
  let index = 0;

  const finish = (): XmlDocument | undefined => {
    if (!current) return undefined;
    current.close();
    const doc: XmlDocument = { index: ++index, root: current.root, error: current.error };
    current = undefined;
    return doc;
  };
  const write = (chunk: string) => {
    let text = chunk;
    if (!current) {
      // Whitespace or a byte-order mark between documents belongs to none of them.
      text = text.replace(/^\uFEFF/, '');
      if (!text.trim()) return;
      current = new DocumentBuilder();
    }
    current.write(text);
  };

  function* drain(final: boolean): Generator<XmlDocument> {
    for (;;) {
      DECLARATION.lastIndex = 0;
      const m = DECLARATION.exec(pending);
      if (!m) break;
      write(pending.slice(0, m.index));
      const done = finish();
      if (done) yield done;
      current = new DocumentBuilder();
      current.write(pending.slice(m.index, m.index + 5));
      pending = pending.slice(m.index + 5);
    }
    const keep = final ? 0 : Math.min(HOLD_BACK, pending.length);
    write(pending.slice(0, pending.length - keep));
    pending = pending.slice(pending.length - keep);
    if (final) {
      const done = finish();
      if (done) yield done;
    }
  }

  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    yield* drain(false);
  }
  pending += decoder.end();
  yield* drain(true);
}

// ---- queries over the tree ------------------------------------------------

const isNode = (c: XNode | string): c is XNode => typeof c !== 'string';

/** Child elements named `name` ('*' for all). */
export const kids = (n: XNode | undefined, name = '*'): XNode[] =>
  n ? n.children.filter((c): c is XNode => isNode(c) && (name === '*' || c.name === name)) : [];

/** All elements reached by a path of child names, e.g. 'parties/applicants/applicant'. */
export function all(n: XNode | undefined, path: string): XNode[] {
  let nodes = n ? [n] : [];
  for (const step of path.split('/')) nodes = nodes.flatMap((c) => kids(c, step));
  return nodes;
}

export const first = (n: XNode | undefined, path: string): XNode | undefined => all(n, path)[0];

/** Descendant elements named `name`, in document order. */
export function descendants(n: XNode | undefined, name: string): XNode[] {
  const out: XNode[] = [];
  const walk = (x: XNode) => {
    for (const c of x.children)
      if (isNode(c)) {
        if (c.name === name) out.push(c);
        walk(c);
      }
  };
  if (n) walk(n);
  return out;
}

/** Text content as written (spacing kept: the ST.32 packed class symbols align in columns). */
export const rawText = (n: XNode): string => n.children.map((c) => (isNode(c) ? rawText(c) : c)).join('');

/** The element's text content, whitespace collapsed; inline markup (sub, b, HIL) joins without spaces. */
export const text = (n: XNode | undefined): string => (n ? rawText(n).replace(/\s+/g, ' ').trim() : '');

/** Text at a path, or undefined when absent or empty. */
export const textAt = (n: XNode | undefined, path: string): string | undefined => text(first(n, path)) || undefined;
