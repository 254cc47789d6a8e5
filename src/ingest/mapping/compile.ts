/**
 * Compiles one parsed mapping file (docs/mapping-format.md) into a function
 * from a source record to its record graph. All parsing and checking happens
 * here, once; mapping a record only runs closures.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { expandCurie, PREFIXES, T } from '../../vocab.js';
import type { MappedRecord } from '../types.js';
import { childScope, entityIris, type Instance, type Item, type RecordState, type Scope, type Source } from './scope.js';
import { type Condition, type ConditionSpec, checkKeys, compileCondition, compileSource, hasSource, type SourceSpec } from './source.js';
import { compileTemplate, encodeKey, type Template, type TemplateNames } from './template.js';

const { namedNode, literal, quad } = N3.DataFactory;

export interface PropertySpec extends SourceSpec {
  p: string;
  link?: string;
  inverse?: boolean;
  iri?: string;
  lang?: string | SourceSpec;
  datatype?: string;
  when?: ConditionSpec;
}

export interface EntitySpec {
  iri: string | string[];
  types?: (string | { type: string; when?: ConditionSpec })[];
  each?: SourceSpec;
  when?: ConditionSpec;
  let?: Record<string, SourceSpec>;
  properties?: PropertySpec[];
}

export interface MappingSpec {
  mapping: string;
  version: string | number;
  kind?: string;
  description?: string;
  prefixes?: Record<string, string>;
  let?: Record<string, SourceSpec>;
  graph: string | string[];
  entities: Record<string, EntitySpec>;
}

export interface RecordInput {
  data: unknown;
  index: number;
  id?: string;
  fileName: string;
  baseIri: string;
}

export type CompiledMapping = ((input: RecordInput) => MappedRecord) & { readonly mappingName: string; readonly version: string };

/** An error in a mapping file, with the location of the rule (`entities.person.properties[2]`). */
export class RuleError extends Error {
  constructor(
    readonly path: string[],
    readonly reason: string,
  ) {
    super(`${path.join('.').replace(/\.\[/g, '[')}: ${reason}`);
  }
}

/** Runs `fn`, adding `where` to the location of any error it throws. */
function at<R>(where: string, fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RuleError) throw new RuleError([where, ...e.path], e.reason);
    throw new RuleError([where], (e as Error).message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

type Emit = (s: RDF.Quad_Subject, p: RDF.NamedNode, o: RDF.Quad_Object) => void;
type Rule = (inst: Instance, emit: Emit) => void;

interface CompiledEntity {
  name: string;
  group: string | undefined;
  each: Source | undefined;
  when: Condition | undefined;
  defs: Map<string, Source> | undefined;
  iris: Template[];
  rules: Rule[];
}

export function compileMapping(spec: MappingSpec): CompiledMapping {
  if (!isObject(spec)) throw new Error('a mapping file is a YAML map');
  for (const k of Object.keys(spec)) {
    if (!['mapping', 'version', 'kind', 'description', 'prefixes', 'let', 'graph', 'entities'].includes(k)) throw new Error(`unknown top-level key "${k}"`);
  }
  if (typeof spec.mapping !== 'string' || !spec.mapping) throw new Error('"mapping" (the mapping name) is required');
  if (spec.version === undefined) throw new Error('"version" is required');
  if (!isObject(spec.entities) || !Object.keys(spec.entities).length) throw new Error('"entities" must be a non-empty map');
  if (spec.graph === undefined) throw new Error('"graph" (the record graph IRI template) is required');

  const prefixes: Record<string, string> = { ...PREFIXES, ...(spec.prefixes ?? {}) };
  const curie = (c: string) => expandCurie(String(c), prefixes);
  const entityNames = new Set(Object.keys(spec.entities));
  const recordVars = new Set(Object.keys(spec.let ?? {}));
  const recordNames: TemplateNames = { vars: recordVars, entities: entityNames, hasValue: false };

  /** Makes a template's result absolute: a declared prefix is expanded, a scheme kept, anything else is under the base IRI. */
  const resolver = (baseIri: string) => (s: string) => {
    // Most results are paths under the base IRI: no colon, no regex.
    if (!s.includes(':')) return baseIri + s;
    const m = /^([A-Za-z][\w+.-]*):/.exec(s);
    if (!m) return baseIri + s;
    const ns = prefixes[m[1] as string];
    return ns !== undefined && !s.startsWith(`${m[1]}://`) ? ns + s.slice((m[1] as string).length + 1) : s;
  };

  const compileDefs = (lets: Record<string, SourceSpec> | undefined, names: TemplateNames, where: string) => {
    if (lets === undefined) return undefined;
    if (!isObject(lets)) throw new Error(`${where}: "let" must be a map`);
    const defs = new Map<string, Source>();
    for (const [name, s] of Object.entries(lets)) {
      at(name, () => {
        if (!isObject(s)) throw new Error('a variable is a value source such as { marc: "001" }');
        checkKeys(s, [], true);
        defs.set(name, compileSource(s, names));
      });
    }
    return defs;
  };

  const templates = (v: unknown, names: TemplateNames, where: string): Template[] =>
    at(where, () => {
      const list = Array.isArray(v) ? v : [v];
      if (!list.length || list.some((t) => typeof t !== 'string')) throw new Error('expected a template string or a list of them');
      return list.map((t) => compileTemplate(t as string, names, true));
    });

  const recordDefs = at('let', () => compileDefs(spec.let, recordNames, 'let'));
  const graphTemplates = templates(spec.graph, recordNames, 'graph');

  const entities: CompiledEntity[] = Object.entries(spec.entities).map(([name, e]) =>
    at('entities', () =>
      at(name, () => {
        if (!isObject(e)) throw new Error('an entity is a map with iri, types, properties');
        for (const k of Object.keys(e)) if (!['iri', 'types', 'each', 'when', 'let', 'properties'].includes(k)) throw new Error(`unknown key "${k}"`);
        if (e.iri === undefined) throw new Error('"iri" is required');
        const names: TemplateNames = { vars: new Set([...recordVars, ...Object.keys(e.let ?? {})]), entities: entityNames, hasValue: false };
        const each =
          e.each === undefined
            ? undefined
            : at('each', () => {
                checkKeys(e.each as Record<string, unknown>, [], true);
                return compileSource(e.each as SourceSpec, recordNames);
              });
        const entity: CompiledEntity = {
          name,
          group: e.each === undefined ? undefined : JSON.stringify(e.each),
          each,
          when: e.when === undefined ? undefined : at('when', () => compileCondition(e.when as ConditionSpec, names)),
          defs: at('let', () => compileDefs(e.let, names, 'let')),
          iris: templates(e.iri, names, 'iri'),
          rules: [],
        };
        const types = e.types ?? [];
        if (!Array.isArray(types)) throw new Error('"types" must be a list');
        types.forEach((t, i) => {
          at(`types`, () =>
            at(`[${i}]`, () => {
              const typeIri = namedNode(curie(typeof t === 'string' ? t : t.type));
              const when = typeof t === 'object' && t.when ? compileCondition(t.when, names) : undefined;
              entity.rules.push((inst, emit) => {
                if (!when || when(inst.scope)) emit((inst.node ??= namedNode(inst.iri)), RDF_TYPE, typeIri);
              });
            }),
          );
        });
        const props = e.properties ?? [];
        if (!Array.isArray(props)) throw new Error('"properties" must be a list');
        props.forEach((p, i) => {
          at('properties', () => at(`[${i}]`, () => entity.rules.push(compileProperty(p, names))));
        });
        return entity;
      }),
    ),
  );

  function compileProperty(p: PropertySpec, names: TemplateNames): Rule {
    if (!isObject(p)) throw new Error('a property rule is a map with p and a value');
    checkKeys(p as unknown as Record<string, unknown>, ['p', 'link', 'inverse', 'iri', 'lang', 'datatype', 'when'], false);
    if (typeof p.p !== 'string') throw new Error('"p" (the predicate) is required');
    const pred = namedNode(curie(p.p));
    const when = p.when === undefined ? undefined : at('when', () => compileCondition(p.when as ConditionSpec, names));
    const inverse = p.inverse === true;
    const withSource = hasSource(p);
    // Each object goes straight to `put` (no array per rule and record, no closure per call).
    const put: (emit: Emit, self: RDF.NamedNode, o: RDF.Quad_Object) => void = inverse
      ? (emit, self, o) => {
          if (o.termType === 'NamedNode') emit(o, pred, self);
        }
      : (emit, self, o) => emit(self, pred, o);
    let objects: (scope: Scope, resolve: (s: string) => string, emit: Emit, self: RDF.NamedNode) => void;

    if (p.link !== undefined) {
      if (withSource || p.iri !== undefined) throw new Error('"link" takes no value source or iri');
      const target = String(p.link);
      if (!entityNames.has(target)) throw new Error(`link to unknown entity "${target}"`);
      objects = (scope, _resolve, emit, self) => {
        for (const iri of entityIris(scope, target)) put(emit, self, namedNode(iri));
      };
    } else if (p.iri !== undefined) {
      if (p.lang !== undefined || p.datatype !== undefined) throw new Error('an IRI value takes no lang or datatype');
      const t = compileTemplate(String(p.iri), { ...names, hasValue: withSource }, true);
      if (withSource) {
        const src = compileSource(p, names);
        objects = (scope, resolve, emit, self) => {
          for (const it of src(scope)) {
            const v = t(scope, it);
            if (v !== undefined) put(emit, self, namedNode(resolve(v)));
          }
        };
      } else
        objects = (scope, resolve, emit, self) => {
          const v = t(scope);
          if (v !== undefined) put(emit, self, namedNode(resolve(v)));
        };
    } else {
      if (!withSource) throw new Error('needs a value: one of marc/path/template/const, or link, or iri');
      if (p.lang !== undefined && p.datatype !== undefined) throw new Error('a literal has a lang or a datatype, not both');
      const src = compileSource(p, names);
      const datatype = p.datatype === undefined ? undefined : namedNode(curie(p.datatype));
      const lang = p.lang === undefined ? undefined : compileLang(p.lang, names);
      objects = (scope, _resolve, emit, self) => {
        for (const it of src(scope)) {
          const tag = lang ? languageTag(lang(scope, it)) : undefined;
          put(emit, self, literal(it.v, tag || datatype));
        }
      };
    }
    return (inst, emit) => {
      if (when && !when(inst.scope)) return;
      const self = (inst.node ??= namedNode(inst.iri));
      objects(inst.scope, inst.scope.state.resolve, emit, self);
    };
  }

  function compileLang(spec: string | SourceSpec, names: TemplateNames): (scope: Scope, it: Item) => string | undefined {
    if (typeof spec === 'string') {
      if (!spec.includes('{')) return () => spec;
      const t = compileTemplate(spec, { ...names, hasValue: true }, false);
      return (scope, it) => t(scope, it);
    }
    if (!isObject(spec)) throw new Error('"lang" is a tag, a template or a value source');
    return at('lang', () => {
      checkKeys(spec as Record<string, unknown>, [], true);
      const src = compileSource(spec, names);
      // Evaluated relative to the field or element the value came from (880 $6 -> script).
      return (scope: Scope, it: Item) => src(childScope(scope, it.c ?? it.o, scope.index, scope.group, undefined))[0]?.v;
    });
  }

  const version = String(spec.version);
  const mappingName = spec.mapping;
  const mappingLit = literal(mappingName);
  const versionLit = literal(version);

  const run = (input: RecordInput): MappedRecord => {
    const resolve = resolver(input.baseIri);
    const state: RecordState = {
      record: input.data,
      recordIndex: input.index,
      recordId: input.id,
      fileName: input.fileName,
      baseIri: input.baseIri,
      tagIndex: undefined,
      instances: new Map(),
      resolve,
    };
    const root: Scope = {
      state,
      element: input.data,
      index: 0,
      group: undefined,
      parent: undefined,
      defs: recordDefs,
      cache: recordDefs ? new Map() : undefined,
    };

    let graphIri: string | undefined;
    for (const t of graphTemplates) if ((graphIri = t(root)) !== undefined) break;
    if (graphIri === undefined) throw new Error(`mapping ${mappingName}: no graph template resolves for this record`);
    const graph = namedNode(resolve(graphIri));

    const eachCache = new Map<string, Item[]>();
    // Pass 1: every entity's IRIs, in file order (so later IRIs may use {@earlier}).
    for (const e of entities) {
      const list: Instance[] = [];
      state.instances.set(e.name, list);
      // Entities with the same `each` (agents and their contributions) select their elements once.
      let elements: Item[];
      if (e.each) {
        const g = e.group as string;
        elements = eachCache.get(g) ?? e.each(root);
        eachCache.set(g, elements);
      } else elements = [{ v: '', o: input.data }];
      for (let i = 0; i < elements.length; i++) {
        const scope = e.each ? childScope(root, (elements[i] as Item).o, i + 1, e.group, e.defs) : childScope(root, input.data, 0, undefined, e.defs);
        if (e.when && !e.when(scope)) continue;
        for (const t of e.iris) {
          const iri = t(scope);
          if (iri !== undefined) {
            list.push({ iri: resolve(iri), scope });
            break;
          }
        }
      }
    }

    // Pass 2: types and properties, each triple once.
    const quads: RDF.Quad[] = [];
    // subject id -> predicate id -> object ids: nested maps hash the (reused) IRI strings once,
    // where one concatenated key per triple would be a new string to hash every time. Most
    // subject-predicate pairs have one or two objects: a short array is cheaper than a Set.
    const seen = new Map<string, Map<string, string[] | Set<string>>>();
    const focus = new Map<string, RDF.NamedNode>();
    const emit: Emit = (s, p, o) => {
      // N3 terms carry a canonical `id` (reading a literal's value/datatype would re-parse it).
      const sid = (s as N3.Term).id;
      let byP = seen.get(sid);
      if (!byP) seen.set(sid, (byP = new Map()));
      const pid = (p as N3.Term).id;
      const oid = (o as N3.Term).id;
      const objs = byP.get(pid);
      if (!objs) byP.set(pid, [oid]);
      else if (Array.isArray(objs)) {
        if (objs.includes(oid)) return;
        if (objs.length < 8) objs.push(oid);
        else byP.set(pid, new Set(objs).add(oid));
      } else {
        if (objs.has(oid)) return;
        objs.add(oid);
      }
      quads.push(quad(s, p, o, graph));
      if (p.value === RDF_TYPE.value && s.termType === 'NamedNode') focus.set(s.value, s);
    };
    for (const e of entities) for (const inst of state.instances.get(e.name) ?? []) for (const r of e.rules) r(inst, emit);

    // Provenance: stable facts only (the import time lives in the store's change log, not in the hashed graph).
    emit(graph, RDF_TYPE, PROV_ENTITY);
    emit(graph, PROV_DERIVED, namedNode(`${input.baseIri}source/${encodeKey(input.fileName)}`));
    if (input.id) emit(graph, DCT_IDENTIFIER, literal(input.id));
    emit(graph, LIBKG_MAPPING, mappingLit);
    emit(graph, LIBKG_MAPPING_VERSION, versionLit);
    focus.delete(graph.value);
    // `emit` kept each triple once and rules run in a fixed order: the store need not sort them.
    return { graph: graph.value, quads, focus: [...focus.values()], distinct: true };
  };
  return Object.assign(run, { mappingName, version });
}

const BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
/** A usable language tag from data (`en_US` -> `en-US`); anything else gives a plain literal, not a store error. */
function languageTag(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const t = tag.trim().replace(/_/g, '-');
  return BCP47.test(t) ? t : undefined;
}

const RDF_TYPE = T.rdf('type');
const PROV_ENTITY = T.prov('Entity');
const PROV_DERIVED = T.prov('wasDerivedFrom');
const DCT_IDENTIFIER = T.dct('identifier');
const LIBKG_MAPPING = T.libkg('mapping');
const LIBKG_MAPPING_VERSION = T.libkg('mappingVersion');
