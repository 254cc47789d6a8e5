/**
 * Compiles object paths (`creators[].nameIdentifiers[?nameIdentifierScheme=ORCID].nameIdentifier`)
 * for readers that give plain objects (JSON, or XML turned into objects).
 */
import { nfc } from './marc-selector.js';
import type { Item, Scope, Source } from './scope.js';

/** A value reached by a path, with the object that holds it. */
interface Reached {
  v: unknown;
  c: unknown;
}
type Step = (values: Reached[]) => Reached[];

const flat = (out: Reached[], v: unknown, c: unknown) => {
  if (Array.isArray(v)) for (const x of v) out.push({ v: x, c });
  else if (v !== undefined && v !== null) out.push({ v, c });
};

function keyStep(key: string): Step {
  return (values) => {
    const out: Reached[] = [];
    for (const { v } of values) if (v && typeof v === 'object' && !Array.isArray(v)) flat(out, (v as Record<string, unknown>)[key], v);
    return out;
  };
}

function filterStep(key: string, want: string | undefined): Step {
  return (values) =>
    values.filter(({ v }) => {
      if (!v || typeof v !== 'object') return false;
      const x = (v as Record<string, unknown>)[key];
      if (want === undefined) return x !== undefined && x !== null;
      return textOf(x) === want;
    });
}

/** The text of a value: strings, numbers and booleans as they are; XML text nodes (`#text`). */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const t = (v as Record<string, unknown>)['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t);
  }
  return undefined;
}

export function compilePath(path: string): Source {
  const fromRoot = path.startsWith('/');
  const text = fromRoot ? path.slice(1) : path;
  const steps: Step[] = [];
  // Tokens: keys separated by '.', then '[]' (spread; arrays are spread anyway) or '[?key=value]'.
  const re = /([^.[\]]+)|\[\]|\[\?([^=\]]+)(?:=([^\]]*))?\]|\./g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text))) {
    if (m.index !== consumed) break;
    consumed = re.lastIndex;
    if (m[1] !== undefined) steps.push(keyStep(m[1]));
    else if (m[2] !== undefined) steps.push(filterStep(m[2], m[3]));
  }
  if (consumed !== text.length || !text) throw new Error(`bad path "${path}"`);
  return (scope: Scope) => {
    let values: Reached[] = [];
    flat(values, fromRoot ? scope.state.record : scope.element, undefined);
    for (const s of steps) {
      values = s(values);
      if (!values.length) return [];
    }
    const out: Item[] = [];
    for (const { v, c } of values) out.push({ v: nfc(textOf(v) ?? ''), o: v, c });
    return out;
  };
}
