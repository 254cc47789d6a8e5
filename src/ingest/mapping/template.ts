/** Compiles `{…}` templates of the mapping format: `id/work/{org}-{controlNumber}`, `{name|slug}`, `{@work}#c-{index}`. */
import { entityIris, type Item, lookupVar, type Scope } from './scope.js';
import { chain, NAMED_TRANSFORMS, type Transform } from './transforms.js';

export type Template = (scope: Scope, value?: Item) => string | undefined;

export interface TemplateNames {
  /** Variables visible where the template is used. */
  vars: Set<string>;
  entities: Set<string>;
  /** Whether `{value}` has a value here (a property rule with a selector). */
  hasValue: boolean;
}

const BUILTINS = new Set(['index', 'recordIndex', 'recordId', 'fileName']);

/** Keeps '/' readable (DOIs) but escapes everything an IRI path must not hold. */
const PLAIN_KEY = /^[A-Za-z0-9._~/-]*$/;
export const encodeKey = (k: string) => (PLAIN_KEY.test(k) ? k : encodeURIComponent(k.trim()).replace(/%2F/gi, '/'));

type Part = string | ((scope: Scope, value: Item | undefined) => string | undefined);

export function compileTemplate(text: string, names: TemplateNames, encode: boolean): Template {
  const parts: Part[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    last = re.lastIndex;
    const [name, ...pipes] = (m[1] as string).split('|').map((s) => s.trim());
    if (!name) throw new Error(`empty placeholder in template "${text}"`);
    const transforms: Transform[] = pipes.map((p) => {
      const t = NAMED_TRANSFORMS[p];
      if (!t) throw new Error(`unknown transform "${p}" in template "${text}"`);
      return t;
    });
    const t = chain(transforms);
    // `|iri` gives a whole IRI from data: it is checked and escaped by the transform, not percent-encoded as a key.
    const raw = pipes[pipes.length - 1] === 'iri';
    const finish = (v: string | undefined, scope: Scope, origin: unknown): string | undefined => {
      if (v === undefined) return undefined;
      const out = t ? t(v, { record: scope.state.record, origin }) : v;
      if (out === undefined || out === '') return undefined;
      return encode && !raw ? encodeKey(out) : out;
    };
    if (name.startsWith('@')) {
      const entity = name.slice(1);
      if (!names.entities.has(entity)) throw new Error(`unknown entity "@${entity}" in template "${text}"`);
      parts.push((scope) => entityIris(scope, entity)[0]);
    } else if (name === 'value') {
      if (!names.hasValue) throw new Error(`{value} in template "${text}" needs a selector (marc/path/…) in the same rule`);
      parts.push((scope, value) => finish(value?.v, scope, value?.o));
    } else if (BUILTINS.has(name)) {
      parts.push((scope) => {
        const st = scope.state;
        const v = name === 'index' ? String(scope.index) : name === 'recordIndex' ? String(st.recordIndex) : name === 'recordId' ? st.recordId : st.fileName;
        return finish(v, scope, scope.element);
      });
    } else {
      if (!names.vars.has(name)) throw new Error(`unknown variable "${name}" in template "${text}" (define it under let)`);
      parts.push((scope) => {
        const item = lookupVar(scope, name)?.[0];
        return finish(item?.v, scope, item?.o);
      });
    }
  }
  if (last < text.length) parts.push(text.slice(last));
  if (parts.length === 1 && typeof parts[0] === 'string') {
    const s = parts[0];
    return () => s;
  }
  return (scope, value) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else {
        const v = p(scope, value);
        if (v === undefined) return undefined;
        out += v;
      }
    }
    return out;
  };
}
