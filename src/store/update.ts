/**
 * SPARQL Update evaluated into concrete quads. The WHERE clause runs once on
 * one engine; the instantiated templates are what the journal persists, so
 * NOW(), UUID() and BNODE() replay identically after a restart.
 */
import { randomBytes } from 'node:crypto';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import sparqljs from 'sparqljs';
import { LibkgError } from '../errors.js';
import { assertIri } from '../rdf/iri.js';
import { quadToLine } from '../rdf/nquads.js';

const { DataFactory: F } = N3;
type Template = { type: 'bgp'; triples: sparqljs.Triple[] } | { type: 'graph'; name: RDF.Term; triples: sparqljs.Triple[] };
type Binding = Record<string, { type: string; value: string; 'xml:lang'?: string; datatype?: string }>;

/** What the evaluator needs from an engine: run a SELECT, read a graph, apply a delta and report what changed. */
export interface UpdateContext {
  select(query: string, dataset: { defaultGraphs?: string[]; namedGraphs?: string[] }): Promise<Binding[]>;
  namedGraphs(): Promise<string[]>;
  graphQuads(graph: string): Promise<RDF.Quad[]>;
  /** Applies lines; returns those that really changed the store. */
  apply(del: string[], add: string[]): Promise<{ added: string[]; removed: string[] }>;
}

export interface UpdateDataset {
  usingGraphs?: string[];
  usingNamedGraphs?: string[];
}

/** Net change per graph relative to the state before the request: line -> +1 added, -1 removed. */
export type NetDelta = Map<string, Map<string, 1 | -1>>;

const generator = new sparqljs.Generator();

export function parseUpdate(text: string, baseIri?: string): sparqljs.Update {
  try {
    const parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(text);
    if (parsed.type !== 'update') throw new LibkgError('UPDATE_SYNTAX', 'expected a SPARQL Update, got a query');
    assertIrisIn(parsed);
    return parsed;
  } catch (e) {
    if (e instanceof LibkgError) throw e;
    throw new LibkgError('UPDATE_SYNTAX', (e as Error).message);
  }
}

/**
 * Every IRI the update names (data, templates, GRAPH, WITH, USING, CLEAR/DROP/COPY targets) must be
 * valid before anything runs: sparqljs unescapes `\u0020` and accepts `%zz`, which would reach the
 * journal or make the engine fail half-way. Walked with a stack: nesting depth is the caller's limit.
 */
function assertIrisIn(tree: unknown): void {
  const todo: unknown[] = [tree];
  while (todo.length) {
    const node = todo.pop();
    if (typeof node !== 'object' || node === null) continue;
    if ((node as { termType?: string }).termType === 'NamedNode') {
      assertIri((node as RDF.NamedNode).value);
      continue;
    }
    for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) todo.push(v);
  }
}

const graphOf = (g: RDF.Term | undefined): RDF.Quad_Graph => (g ? (g as RDF.NamedNode) : F.defaultGraph());

function fromBinding(b: Binding[string] | undefined): RDF.Term | undefined {
  if (!b) return undefined;
  if (b.type === 'uri') return F.namedNode(b.value);
  if (b.type === 'bnode') return F.blankNode(b.value);
  if (b.type === 'literal' || b.type === 'typed-literal') {
    return F.literal(b.value, b['xml:lang'] ?? (b.datatype ? F.namedNode(b.datatype) : undefined));
  }
  return undefined;
}

/** Instantiates templates for each solution; quads with unbound or ill-placed terms are skipped (SPARQL 1.1 Update 3.1.3). */
function instantiate(templates: Template[], rows: Binding[], defaultGraph: RDF.Quad_Graph, freshBlankNodes: boolean): RDF.Quad[] {
  const out: RDF.Quad[] = [];
  for (const row of rows) {
    const bnodes = new Map<string, RDF.BlankNode>();
    const subst = (t: RDF.Term): RDF.Term | undefined => {
      if (t.termType === 'Variable') return fromBinding(row[t.value]);
      if (t.termType === 'BlankNode' && freshBlankNodes) {
        let b = bnodes.get(t.value);
        if (!b) bnodes.set(t.value, (b = F.blankNode(`u${randomBytes(12).toString('hex')}`)));
        return b;
      }
      return t;
    };
    for (const tpl of templates) {
      const g = tpl.type === 'graph' ? subst(tpl.name) : defaultGraph;
      if (!g || (g.termType !== 'NamedNode' && g.termType !== 'DefaultGraph')) continue;
      for (const tr of tpl.triples) {
        const s = subst(tr.subject as RDF.Term);
        const p = subst(tr.predicate as RDF.Term);
        const o = subst(tr.object as RDF.Term);
        if (!s || !p || !o) continue;
        if (s.termType !== 'NamedNode' && s.termType !== 'BlankNode') continue;
        if (p.termType !== 'NamedNode') continue;
        if (o.termType === 'Variable' || o.termType === 'DefaultGraph') continue;
        out.push(F.quad(s, p, o as RDF.Quad_Object, g as RDF.Quad_Graph));
      }
    }
  }
  return out;
}

function whereFromTemplates(templates: Template[]): sparqljs.Pattern[] {
  return templates.map((t) =>
    t.type === 'bgp'
      ? { type: 'bgp', triples: t.triples }
      : ({ type: 'graph', name: t.name, patterns: [{ type: 'bgp', triples: t.triples }] } as sparqljs.GraphPattern),
  );
}

function selectAll(where: sparqljs.Pattern[]): string {
  return generator.stringify({ type: 'query', queryType: 'SELECT', variables: [new sparqljs.Wildcard()], where, prefixes: {} } as sparqljs.SelectQuery);
}

/** Evaluates every operation in order, applying each to the context's engine, and returns the net delta. */
export async function evaluateUpdate(update: sparqljs.Update, ctx: UpdateContext, dataset: UpdateDataset = {}): Promise<NetDelta> {
  const net: NetDelta = new Map();
  const lineGraph = new Map<string, string>();
  const record = (q: RDF.Quad): string => {
    const line = quadToLine(q);
    lineGraph.set(line, q.graph.termType === 'DefaultGraph' ? '' : q.graph.value);
    return line;
  };
  const apply = async (del: RDF.Quad[], add: RDF.Quad[]) => {
    const r = await ctx.apply(del.map(record), add.map(record));
    const bump = (line: string, d: 1 | -1) => {
      const g = lineGraph.get(line) ?? '';
      let m = net.get(g);
      if (!m) net.set(g, (m = new Map()));
      if (m.get(line) === -d) m.delete(line);
      else m.set(line, d);
    };
    for (const l of r.removed) bump(l, -1);
    for (const l of r.added) bump(l, 1);
  };
  const targetGraphs = async (t: { name?: RDF.Term; default?: boolean; named?: boolean; all?: boolean }): Promise<string[]> => {
    if (t.name) return [t.name.value];
    if (t.default) return [''];
    const named = await ctx.namedGraphs();
    return t.all ? ['', ...named] : named;
  };
  const quadsOf = async (graphs: string[]) => (await Promise.all(graphs.map((g) => ctx.graphQuads(g)))).flat();
  const regraph = (qs: RDF.Quad[], g: string) => qs.map((q) => F.quad(q.subject, q.predicate, q.object, g ? F.namedNode(g) : F.defaultGraph()));

  for (const op of update.updates) {
    if ('updateType' in op) {
      switch (op.updateType) {
        case 'insert':
          await apply([], instantiate(op.insert as Template[], [{}], F.defaultGraph(), true));
          break;
        case 'delete':
          await apply(instantiate(op.delete as Template[], [{}], F.defaultGraph(), false), []);
          break;
        case 'deletewhere': {
          const rows = await ctx.select(selectAll(whereFromTemplates(op.delete as Template[])), {});
          await apply(instantiate(op.delete as Template[], rows, F.defaultGraph(), false), []);
          break;
        }
        case 'insertdelete': {
          const using =
            dataset.usingGraphs?.length || dataset.usingNamedGraphs?.length
              ? { default: dataset.usingGraphs ?? [], named: dataset.usingNamedGraphs ?? [] }
              : undefined;
          const opUsing = op.using ? { default: op.using.default.map((t) => t.value), named: (op.using.named ?? []).map((t) => t.value) } : undefined;
          const ds = using ?? opUsing;
          const with_ = op.graph?.value;
          const query = selectAll(op.where ?? []);
          const rows = await ctx.select(query, ds ? { defaultGraphs: ds.default, namedGraphs: ds.named } : with_ ? { defaultGraphs: [with_] } : {});
          const dg = graphOf(op.graph);
          const del = instantiate((op.delete ?? []) as Template[], rows, dg, false);
          const add = instantiate((op.insert ?? []) as Template[], rows, dg, true);
          await apply(del, add);
          break;
        }
      }
      continue;
    }
    const mgmt = op as sparqljs.ManagementOperation & Record<string, unknown>;
    switch (mgmt.type) {
      case 'load':
        if (mgmt.silent) break;
        throw new LibkgError(
          'UPDATE_UNSUPPORTED',
          'LOAD is not supported: libkg makes no outbound requests; import the data with the Graph Store Protocol or `libkg import`',
        );
      case 'create':
        // Graphs exist in libkg as soon as they hold quads; CREATE has nothing to record.
        break;
      case 'clear':
      case 'drop': {
        const graphs = await targetGraphs(mgmt.graph as never);
        await apply(await quadsOf(graphs), []);
        break;
      }
      case 'add':
      case 'move':
      case 'copy': {
        const src = (await targetGraphs(mgmt.source as never))[0] ?? '';
        const dst = (await targetGraphs(mgmt.destination as never))[0] ?? '';
        if (src === dst) break;
        const srcQuads = await quadsOf([src]);
        if (mgmt.type !== 'add') await apply(await quadsOf([dst]), []);
        await apply([], regraph(srcQuads, dst));
        if (mgmt.type === 'move') await apply(srcQuads, []);
        break;
      }
    }
  }
  return net;
}
