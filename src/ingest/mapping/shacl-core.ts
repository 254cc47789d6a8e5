/**
 * A compiled validator for the subset of SHACL Core that shapes/ uses
 * (targetClass; nodeKind, minCount, maxCount, datatype, pattern, uniqueLang,
 * minInclusive/maxInclusive, in, hasValue on predicate paths; sh:or of such shapes).
 *
 * Why: shacl-engine, the reference validator, checks about 450 record graphs a
 * second here (1,100 in batches of 500): ten times too slow for an import of
 * 5,000 records a second. Compiled once into closures, the same shapes run at
 * tens of thousands a second. Shapes using anything else are not compiled
 * (compileShapes returns undefined) and validate.ts falls back to shacl-engine;
 * test/ingest/mapping/validate.test.ts checks that both report the same results.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { NS } from '../../vocab.js';

export interface CoreViolation {
  focusNode: string;
  path?: string;
  value?: RDF.Term;
  message: string;
}

type Values = Map<string, RDF.Term[]>;
/** Subject -> predicate -> objects of one record graph. */
type Index = Map<string, Values>;
type Check = (focus: RDF.Term, values: Values, out: CoreViolation[]) => void;

const SH = (l: string) => NS.sh(l);
const RDF_TYPE = NS.rdf('type');
const RDF_FIRST = NS.rdf('first');
const RDF_REST = NS.rdf('rest');
const RDF_NIL = NS.rdf('nil');

/** Predicates a compiled shape may carry; anything else under sh: means "not compiled". */
const NODE_KEYS = new Set(['targetClass', 'property', 'nodeKind', 'or', 'message', 'name', 'description']);
const PROPERTY_KEYS = new Set([
  'path',
  'minCount',
  'maxCount',
  'nodeKind',
  'datatype',
  'pattern',
  'flags',
  'uniqueLang',
  'minInclusive',
  'maxInclusive',
  'in',
  'hasValue',
  'message',
  'name',
  'description',
]);

class Unsupported extends Error {}

const XSD_LEXICAL: Record<string, RegExp> = {
  [NS.xsd('integer')]: /^[+-]?\d+$/,
  [NS.xsd('nonNegativeInteger')]: /^\+?\d+$/,
  [NS.xsd('date')]: /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2})?$/,
  [NS.xsd('gYear')]: /^-?\d{4,}(Z|[+-]\d{2}:\d{2})?$/,
  [NS.xsd('gYearMonth')]: /^-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?$/,
  [NS.xsd('boolean')]: /^(true|false|1|0)$/,
};

function nodeKindTest(kind: string): (t: RDF.Term) => boolean {
  const k = kind.slice(NS.sh('').length);
  const iri = (t: RDF.Term) => t.termType === 'NamedNode';
  const bnode = (t: RDF.Term) => t.termType === 'BlankNode';
  const lit = (t: RDF.Term) => t.termType === 'Literal';
  const tests: Record<string, (t: RDF.Term) => boolean> = {
    IRI: iri,
    Literal: lit,
    BlankNode: bnode,
    BlankNodeOrIRI: (t) => iri(t) || bnode(t),
    IRIOrLiteral: (t) => iri(t) || lit(t),
    BlankNodeOrLiteral: (t) => bnode(t) || lit(t),
  };
  const test = tests[k];
  if (!test) throw new Unsupported(`sh:nodeKind ${kind}`);
  return test;
}

const termKey = (t: RDF.Term) => (t.termType === 'Literal' ? `"${t.value}"@${t.language}^${t.datatype.value}` : `${t.termType}:${t.value}`);

/** Compiles shapes; undefined when they use SHACL features outside the subset. */
export function compileShapes(shapes: RDF.Quad[]): ((quads: RDF.Quad[]) => CoreViolation[]) | undefined {
  const store = new N3.Store(shapes);
  const one = (s: RDF.Term, p: string) => store.getObjects(s as N3.Term, p, null)[0];
  const all = (s: RDF.Term, p: string) => store.getObjects(s as N3.Term, p, null);
  const list = (head: RDF.Term): RDF.Term[] => {
    const out: RDF.Term[] = [];
    for (let n: RDF.Term | undefined = head; n && n.value !== RDF_NIL; n = one(n, RDF_REST)) {
      const f = one(n, RDF_FIRST);
      if (f) out.push(f);
    }
    return out;
  };
  const shKeys = (s: RDF.Term) =>
    store
      .getQuads(s as N3.Term, null, null, null)
      .map((q) => q.predicate.value)
      .filter((p) => p.startsWith(NS.sh('')))
      .map((p) => p.slice(NS.sh('').length));
  const messageOf = (s: RDF.Term) =>
    all(s, SH('message'))
      .map((m) => m.value)
      .join('; ') || undefined;

  function compileProperty(ps: RDF.Term, nodeMessage?: string): Check {
    for (const k of shKeys(ps)) if (!PROPERTY_KEYS.has(k)) throw new Unsupported(`sh:${k}`);
    const path = one(ps, SH('path'));
    if (path?.termType !== 'NamedNode') throw new Unsupported('complex sh:path');
    const p = path.value;
    const msg = messageOf(ps) ?? nodeMessage;
    const checks: ((values: RDF.Term[], focus: RDF.Term, out: CoreViolation[]) => void)[] = [];
    const fail = (focus: RDF.Term, out: CoreViolation[], component: string, value?: RDF.Term) =>
      out.push({ focusNode: focus.value, path: p, ...(value ? { value } : {}), message: msg ?? `violates sh:${component}ConstraintComponent` });
    const perValue = (component: string, ok: (t: RDF.Term) => boolean) =>
      checks.push((values, focus, out) => {
        for (const v of values) if (!ok(v)) fail(focus, out, component, v);
      });

    const min = one(ps, SH('minCount'));
    if (min) {
      const n = Number(min.value);
      checks.push((values, focus, out) => {
        if (values.length < n) fail(focus, out, 'MinCount');
      });
    }
    const max = one(ps, SH('maxCount'));
    if (max) {
      const n = Number(max.value);
      checks.push((values, focus, out) => {
        if (values.length > n) fail(focus, out, 'MaxCount');
      });
    }
    const kind = one(ps, SH('nodeKind'));
    if (kind) perValue('NodeKind', nodeKindTest(kind.value));
    const datatype = one(ps, SH('datatype'));
    if (datatype) {
      const dt = datatype.value;
      const lexical = XSD_LEXICAL[dt];
      perValue('Datatype', (t) => t.termType === 'Literal' && t.datatype.value === dt && (!lexical || lexical.test(t.value)));
    }
    const pattern = one(ps, SH('pattern'));
    if (pattern) {
      const re = new RegExp(pattern.value, one(ps, SH('flags'))?.value ?? '');
      perValue('Pattern', (t) => t.termType !== 'BlankNode' && re.test(t.value));
    }
    const minInc = one(ps, SH('minInclusive'));
    if (minInc) {
      const bound = Number(minInc.value);
      perValue('MinInclusive', (t) => t.termType === 'Literal' && Number(t.value) >= bound);
    }
    const maxInc = one(ps, SH('maxInclusive'));
    if (maxInc) {
      const bound = Number(maxInc.value);
      perValue('MaxInclusive', (t) => t.termType === 'Literal' && Number(t.value) <= bound);
    }
    const inList = one(ps, SH('in'));
    if (inList) {
      const allowed = new Set(list(inList).map(termKey));
      perValue('In', (t) => allowed.has(termKey(t)));
    }
    const hasValue = one(ps, SH('hasValue'));
    if (hasValue) {
      const want = termKey(hasValue);
      checks.push((values, focus, out) => {
        if (!values.some((v) => termKey(v) === want)) fail(focus, out, 'HasValue');
      });
    }
    if (one(ps, SH('uniqueLang'))?.value === 'true') {
      checks.push((values, focus, out) => {
        const seen = new Map<string, number>();
        for (const v of values) if (v.termType === 'Literal' && v.language) seen.set(v.language.toLowerCase(), (seen.get(v.language.toLowerCase()) ?? 0) + 1);
        for (const n of seen.values()) if (n > 1) fail(focus, out, 'UniqueLang');
      });
    }
    return (focus, values, out) => {
      const vs = values.get(p) ?? [];
      for (const c of checks) c(vs, focus, out);
    };
  }

  interface CompiledShape {
    id: string;
    checks: Check[];
  }
  const shapesByClass = new Map<string, CompiledShape[]>();
  const nodeShapes = new Map<string, RDF.Term>();
  for (const t of [...store.getSubjects(SH('targetClass'), null, null), ...store.getSubjects(RDF_TYPE, SH('NodeShape'), null)]) nodeShapes.set(termKey(t), t);
  try {
    for (const [id, shape] of nodeShapes) {
      for (const k of shKeys(shape)) if (!NODE_KEYS.has(k)) throw new Unsupported(`sh:${k}`);
      const message = messageOf(shape);
      const checks: Check[] = all(shape, SH('property')).map((ps) => compileProperty(ps));
      const kind = one(shape, SH('nodeKind'));
      if (kind) {
        const ok = nodeKindTest(kind.value);
        checks.push((focus, _values, out) => {
          if (!ok(focus)) out.push({ focusNode: focus.value, value: focus, message: message ?? 'violates sh:NodeKindConstraintComponent' });
        });
      }
      for (const orList of all(shape, SH('or'))) {
        const alternatives = list(orList).map((alt) => {
          for (const k of shKeys(alt)) if (!PROPERTY_KEYS.has(k)) throw new Unsupported(`sh:or member with sh:${k}`);
          return compileProperty(alt);
        });
        checks.push((focus, values, out) => {
          const ok = alternatives.some((alt) => {
            const probe: CoreViolation[] = [];
            alt(focus, values, probe);
            return probe.length === 0;
          });
          if (!ok) out.push({ focusNode: focus.value, value: focus, message: message ?? 'violates sh:OrConstraintComponent' });
        });
      }
      for (const cls of all(shape, SH('targetClass'))) {
        const list = shapesByClass.get(cls.value) ?? [];
        list.push({ id, checks });
        shapesByClass.set(cls.value, list);
      }
    }
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }

  return (quads) => {
    // Pass 1: the focus nodes (typed with a target class); pass 2: the values of those nodes only.
    const focusByClass = new Map<string, RDF.Term[]>();
    const index: Index = new Map();
    for (const q of quads) {
      if (q.predicate.value !== RDF_TYPE || !shapesByClass.has(q.object.value)) continue;
      const f = focusByClass.get(q.object.value);
      if (f) f.push(q.subject);
      else focusByClass.set(q.object.value, [q.subject]);
      if (!index.has(q.subject.value)) index.set(q.subject.value, new Map());
    }
    if (!focusByClass.size) return [];
    for (const q of quads) {
      const values = index.get(q.subject.value);
      if (!values) continue;
      const objs = values.get(q.predicate.value);
      // Mapped record graphs hold each triple once, so no de-duplication here.
      if (objs) objs.push(q.object);
      else values.set(q.predicate.value, [q.object]);
    }
    const out: CoreViolation[] = [];
    const done = new Set<string>();
    for (const [cls, focusNodes] of focusByClass) {
      for (const focus of focusNodes) {
        const values = index.get(focus.value) ?? new Map();
        for (const shape of shapesByClass.get(cls) ?? []) {
          // A node with two target classes of one shape (foaf:Organization, org:Organization) is checked once.
          const key = `${shape.id} ${focus.value}`;
          if (done.has(key)) continue;
          done.add(key);
          for (const check of shape.checks) check(focus, values, out);
        }
      }
    }
    return out;
  };
}
