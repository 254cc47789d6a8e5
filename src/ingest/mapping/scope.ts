/** Evaluation state of one record while a compiled mapping runs over it. */
import type * as RDF from '@rdfjs/types';

/** One selected value and the field or element it came from (for `lang` and transforms that look at the field). */
export interface Item {
  v: string;
  o: unknown;
  /** The object holding the value, when `o` is a bare value (paths): `lang` is evaluated relative to it. */
  c?: unknown;
}

/** A compiled value source: all values it selects in a scope. */
export type Source = (scope: Scope) => Item[];

/** One created entity: its IRI and the scope it was made in. */
export interface Instance {
  iri: string;
  scope: Scope;
  /** The IRI as an RDF term, made on first use. */
  node?: RDF.NamedNode;
}

export interface RecordState {
  record: unknown;
  recordIndex: number;
  recordId: string | undefined;
  fileName: string;
  baseIri: string;
  /** Makes a template result an absolute IRI (base IRI, declared prefixes). */
  resolve: (s: string) => string;
  /** MARC fields by tag, built on first use. */
  tagIndex: Map<string, unknown[]> | undefined;
  /** Entities made so far, by entity name. */
  instances: Map<string, Instance[]>;
}

export interface Scope {
  state: RecordState;
  /** The current `each` element (a MARC field or an object); the record itself at record level. */
  element: unknown;
  /** Position of the element, from 1 (0 at record level). */
  index: number;
  /** Identifies the `each` selector that made this scope, so entities made by the same one link element by element. */
  group: string | undefined;
  parent: Scope | undefined;
  defs: Map<string, Source> | undefined;
  cache: Map<string, Item[]> | undefined;
}

export function childScope(parent: Scope, element: unknown, index: number, group: string | undefined, defs: Map<string, Source> | undefined): Scope {
  return { state: parent.state, element, index, group, parent, defs, cache: defs ? new Map() : undefined };
}

/** The values of a `let` variable, looked up from the innermost scope out; evaluated once per scope. */
export function lookupVar(scope: Scope, name: string): Item[] | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const def = s.defs?.get(name);
    if (!def) continue;
    let v = s.cache?.get(name);
    if (!v) {
      v = def(s);
      s.cache?.set(name, v);
    }
    return v;
  }
  return undefined;
}

/** The IRI of entity `name` as seen from `scope`: the same element's instance when both come from one `each`, else the first. */
export function entityIris(scope: Scope, name: string): string[] {
  const all = scope.state.instances.get(name);
  if (!all?.length) return [];
  const first = all[0] as Instance;
  if (scope.group !== undefined && first.scope.group === scope.group) {
    const same = all.find((i) => i.scope.index === scope.index);
    return same ? [same.iri] : [];
  }
  return all.map((i) => i.iri);
}
