/** parseLinkSpec: YAML text → a validated LinkSpec, or a LinkSpecError naming file, line and key. */
import { expandCurie, PREFIXES } from '../../vocab.js';
import type { BestFilter, LinkSpec, PairsMode, Selection, ValueSpec } from '../model/spec.js';
import { TRANSFORM_NAMES } from '../transforms/index.js';
import { oneOf } from './errors.js';
import { parseAggregate, parseBlocking, parseCompare } from './parse-matching.js';
import { type Path, SpecReader } from './reader.js';

const TOP_KEYS = [
  'id',
  'version',
  'label',
  'description',
  'prefixes',
  'source',
  'target',
  'pairs',
  'values',
  'blocking',
  'compare',
  'aggregate',
  'accept',
  'review',
  'best',
  'link',
];
/** The link predicates the issue names: identity, concept matches, citations. */
export const LINK_PREDICATES = ['owl:sameAs', 'skos:exactMatch', 'skos:closeMatch', 'cito:cites'];

export function parseLinkSpec(text: string, file: string): LinkSpec {
  const r = new SpecReader(text, file);
  r.map([], TOP_KEYS);
  const id = r.string(['id']);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) r.fail(['id'], `"${id}" must be lower-case letters, digits and hyphens (it names the link graph)`);
  const prefixes = parsePrefixes(r);
  const curie = (path: Path, v: string): string => {
    try {
      return expandCurie(v, prefixes);
    } catch (e) {
      return r.fail(path, `${(e as Error).message}; known prefixes: ${oneOf(Object.keys({ ...PREFIXES, ...prefixes }))}`);
    }
  };
  const values = parseValues(r, prefixes);
  const compare = parseCompare(r, values);
  const accept = r.number(['accept'], undefined, 0, 1);
  const review = r.number(['review'], accept, 0, 1);
  if (review > accept) r.fail(['review'], `must not be above accept (${accept}), got ${review}`);
  const link = r.string(['link'], 'owl:sameAs');
  if (!LINK_PREDICATES.includes(link)) r.fail(['link'], `unknown link predicate "${link}"; known: ${oneOf(LINK_PREDICATES)}`);
  const source = parseSelection(r, ['source'], curie);
  const target = parseTarget(r, curie);
  return {
    id,
    version: r.number(['version'], 1, 1, Number.MAX_SAFE_INTEGER),
    label: r.string(['label'], id),
    file,
    prefixes,
    source,
    target,
    pairs: parsePairs(r, source, target),
    values,
    blocking: parseBlocking(r, values),
    compare,
    aggregate: parseAggregate(r, compare),
    accept,
    review,
    best: parseBest(r),
    link: curie(['link'], link),
  };
}

function parsePrefixes(r: SpecReader): Record<string, string> {
  if (r.get(['prefixes']) === undefined) return {};
  const m = r.map(['prefixes'], Object.keys(r.get(['prefixes']) as object));
  const out: Record<string, string> = {};
  for (const k of Object.keys(m)) {
    const iri = r.string(['prefixes', k]);
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(iri)) r.fail(['prefixes', k], `"${iri}" is not an absolute IRI`);
    out[k] = iri;
  }
  return out;
}

function parseSelection(r: SpecReader, path: Path, curie: (path: Path, v: string) => string): Selection {
  const m = r.map(path, ['class', 'sparql', 'graph']);
  if ('class' in m === 'sparql' in m)
    r.fail(path, 'needs exactly one of "class" or "sparql"' + (path[0] === 'target' ? ' (or "target: same" for deduplication)' : ''));
  const graph = m.graph === undefined ? {} : { graph: r.string([...path, 'graph']) };
  if ('class' in m) return { class: curie([...path, 'class'], r.string([...path, 'class'])), ...graph };
  const sparql = r.string([...path, 'sparql']);
  if (!/\?e\b/.test(sparql)) r.fail([...path, 'sparql'], 'the pattern must bind ?e to the entities');
  return { sparql, ...graph };
}

function parseTarget(r: SpecReader, curie: (path: Path, v: string) => string): Selection | 'same' {
  const v = r.get(['target']);
  if (v === 'same') return 'same';
  if (typeof v === 'string') r.fail(['target'], `"${v}" is neither "same" (deduplication) nor a selection like source`);
  return parseSelection(r, ['target'], curie);
}

function parsePairs(r: SpecReader, source: Selection, target: Selection | 'same'): PairsMode {
  const pairs = r.choice(['pairs'], ['all', 'across-graphs'] as const, 'all');
  if (pairs === 'across-graphs' && (target !== 'same' || source.graph === undefined))
    r.fail(['pairs'], '"across-graphs" needs "target: same" and a "graph" prefix on source (its groups are the graphs below the prefix)');
  return pairs;
}

function parseValues(r: SpecReader, prefixes: Record<string, string>): Record<string, ValueSpec> {
  const names = Object.keys((r.get(['values']) as object | undefined) ?? {});
  r.map(['values'], names);
  if (!names.length) r.fail(['values'], 'needs at least one value');
  const out: Record<string, ValueSpec> = {};
  for (const name of names) {
    const path: Path = ['values', name];
    r.map(path, ['path', 'transforms', 'list']);
    const transforms = r.get([...path, 'transforms']) === undefined ? [] : r.list([...path, 'transforms']);
    transforms.forEach((t, i) => {
      if (typeof t !== 'string' || !TRANSFORM_NAMES.includes(t))
        r.fail([...path, 'transforms', i], `unknown transform ${JSON.stringify(t)}; known: ${oneOf(TRANSFORM_NAMES)}`);
    });
    out[name] = { path: expandPath(r, [...path, 'path'], prefixes), transforms: transforms as string[], list: r.boolean([...path, 'list'], false) };
  }
  return out;
}

/** Prefixed names in a SPARQL property path become <IRI>s, so the path runs without PREFIX lines. */
function expandPath(r: SpecReader, path: Path, prefixes: Record<string, string>): string {
  const text = r.string(path);
  return text.replace(/<[^>]*>|([A-Za-z][\w.-]*)?:([\w-][\w.-]*)?/g, (m, prefix: string | undefined) => {
    if (m.startsWith('<')) return m;
    try {
      return `<${expandCurie(m, prefixes)}>`;
    } catch {
      return r.fail(path, `unknown prefix "${prefix ?? ''}" in ${text}; known prefixes: ${oneOf(Object.keys({ ...PREFIXES, ...prefixes }))}`);
    }
  });
}

function parseBest(r: SpecReader): BestFilter {
  const v = r.get(['best']);
  if (v === undefined || v === 'all') return { mode: 'all' };
  const m = r.map(['best'], ['margin', 'twins']);
  const margin = r.number(['best', 'margin'], 0, 0, 1);
  return m.twins === undefined ? { mode: 'best', margin } : { mode: 'best', margin, twins: r.number(['best', 'twins'], 1, 0, 1) };
}
