/**
 * Typed access to a parsed YAML document that knows where each key stands, so that
 * every refusal names the file, the line and the key path (`compare[2].using`).
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { LinkSpecError, oneOf } from './errors.js';

export type Path = (string | number)[];

export class SpecReader {
  private readonly lines = new LineCounter();
  readonly root: unknown;
  private readonly doc;

  constructor(
    text: string,
    readonly file: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const err = this.doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line ?? this.lines.linePos(err.pos[0]).line;
      throw new LinkSpecError(file, line, '', `not valid YAML: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    this.root = this.doc.toJS();
  }

  /** The line of the deepest existing node on the path (a missing key's parent). */
  lineOf(path: Path): number {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (const k of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === k);
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[k as number] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    return this.lines.linePos(offset).line;
  }

  fail(path: Path, reason: string): never {
    throw new LinkSpecError(this.file, this.lineOf(path), keyName(path), reason);
  }

  get(path: Path): unknown {
    let v: unknown = this.root;
    for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
    return v;
  }

  map(path: Path, allowed: readonly string[]): Record<string, unknown> {
    const v = this.get(path);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, `must be a mapping (key: value lines)`);
    for (const k of Object.keys(v)) if (!allowed.includes(k)) this.fail([...path, k], `unknown key; known keys: ${oneOf(allowed)}`);
    return v as Record<string, unknown>;
  }

  list(path: Path): unknown[] {
    const v = this.get(path);
    if (!Array.isArray(v)) this.fail(path, 'must be a list');
    return v;
  }

  string(path: Path, fallback?: string): string {
    const v = this.get(path);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || v.trim() === '') this.fail(path, v === undefined ? 'is required' : 'must be a non-empty string');
    return v;
  }

  number(path: Path, fallback: number | undefined, min: number, max: number): number {
    const v = this.get(path);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, v === undefined ? 'is required' : `must be a number, got ${JSON.stringify(v)}`);
    if (v < min || v > max) this.fail(path, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  boolean(path: Path, fallback: boolean): boolean {
    const v = this.get(path);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(path, 'must be true or false');
    return v;
  }

  choice<T extends string>(path: Path, names: readonly T[], fallback?: T): T {
    const v = this.string(path, fallback);
    if (!names.includes(v as T)) this.fail(path, `unknown "${v}"; known: ${oneOf(names)}`);
    return v as T;
  }
}

export const keyName = (path: Path): string => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');
