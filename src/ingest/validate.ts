/**
 * SHACL validation of mapped record graphs against shapes/*.ttl, with
 * shacl-engine (npm-notes section 5: the fastest of the two measured, and it
 * has SHACL-SPARQL). Shapes are data: a new record kind is a new .ttl file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { ShaclResult, Validator } from 'shacl-engine';
import { LibkgError } from '../errors.js';
import { PREFIXES } from '../vocab.js';
import type { RecordValidator } from './mapping/index.js';
import { type CoreViolation, compileShapes } from './mapping/shacl-core.js';
import type { MappedRecord } from './types.js';

/** shapes/ of the package (src/ingest -> ../../shapes, the same from dist/). */
export const DEFAULT_SHAPES_DIR = fileURLToPath(new URL('../../shapes/', import.meta.url));

/** One SHACL violation in words a cataloguer can act on. */
export interface Violation {
  focusNode: string;
  path?: string;
  value?: string;
  message: string;
}

const shortIri = (iri: string) => {
  for (const [p, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
  return `<${iri}>`;
};

const showTerm = (t: RDF.Term) => (t.termType === 'NamedNode' ? shortIri(t.value) : t.termType === 'Literal' ? JSON.stringify(t.value) : `_:${t.value}`);

function describeResult(r: ShaclResult): Violation {
  const step = r.path?.[0];
  const path = r.path?.length ? r.path.map((s) => (s.start === 'object' ? '^' : '') + s.predicates.map((p) => showTerm(p)).join('|')).join('/') : undefined;
  const component = r.constraintComponent.value.replace(PREFIXES.sh, 'sh:');
  const message = r.message.map((m) => m.value).join('; ') || `violates ${component}`;
  return {
    focusNode: r.focusNode.term.value,
    ...(step ? { path } : {}),
    ...(r.value && (step || !r.value.term.equals(r.focusNode.term)) ? { value: showTerm(r.value.term) } : {}),
    message,
  };
}

export const formatViolation = (v: Violation) => `${v.focusNode}${v.path ? ` ${v.path}` : ''}: ${v.message}${v.value ? ` (value ${v.value})` : ''}`;

/** Reads every *.ttl of a shapes directory into one dataset. */
export function loadShapes(dir = DEFAULT_SHAPES_DIR): RDF.Quad[] {
  const quads: RDF.Quad[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.ttl')) continue;
    try {
      quads.push(...new N3.Parser({ format: 'text/turtle', baseIRI: `file:///shapes/${name}` }).parse(readFileSync(join(dir, name), 'utf8')));
    } catch (e) {
      throw new LibkgError('CONFIG_INVALID', `shapes/${name}: ${(e as Error).message}`);
    }
  }
  return quads;
}

const fromCore = (v: CoreViolation): Violation => ({
  focusNode: v.focusNode,
  ...(v.path ? { path: shortIri(v.path) } : {}),
  ...(v.value && (v.path || v.value.value !== v.focusNode) ? { value: showTerm(v.value) } : {}),
  message: v.message,
});

/** shacl-engine and rdf-ext pull in a large tree (Comunica): loaded only when the compiled path cannot run. */
async function referenceValidator(shapes: RDF.Quad[]): Promise<Validator> {
  const [{ Validator }, { default: rdf }] = await Promise.all([import('shacl-engine'), import('rdf-ext')]);
  return new Validator(rdf.dataset(shapes), { factory: rdf });
}

export class ShaclRecordValidator implements RecordValidator {
  private validator: Promise<Validator> | undefined;
  private readonly shapes: RDF.Quad[];
  /** The compiled fast path (src/ingest/mapping/shacl-core.ts), when the shapes stay within its subset. */
  private readonly core: ((quads: RDF.Quad[]) => CoreViolation[]) | undefined;

  /** `engine: 'shacl-engine'` forces the reference validator (tests compare the two). */
  constructor(shapes: RDF.Quad[] = loadShapes(), options: { engine?: 'auto' | 'shacl-engine' } = {}) {
    this.shapes = shapes;
    this.core = options.engine === 'shacl-engine' ? undefined : compileShapes(shapes);
  }

  /** Which validator runs: the compiled subset or shacl-engine. */
  get mode(): 'compiled' | 'shacl-engine' {
    return this.core ? 'compiled' : 'shacl-engine';
  }

  /** Violations of one record graph, as readable lines (empty when it conforms). */
  async validate(record: MappedRecord): Promise<string[]> {
    return (await this.violations(record.quads)).map(formatViolation);
  }

  /** Structured violations of any set of quads (one record or a batch of records). */
  async violations(quads: RDF.Quad[]): Promise<Violation[]> {
    if (this.core) return this.core(quads).map(fromCore);
    this.validator ??= referenceValidator(this.shapes);
    const report = await (await this.validator).validate({ dataset: new N3.Store(quads) });
    if (report.conforms) return [];
    return report.results.filter((r) => r.severity.value === `${PREFIXES.sh}Violation`).map(describeResult);
  }

  /** Validates many records in one SHACL run; violations come back per record, by focus node. */
  async validateBatch(records: MappedRecord[]): Promise<string[][]> {
    const all = await this.violations(records.flatMap((r) => r.quads));
    if (!all.length) return records.map(() => []);
    const owner = new Map<string, number>();
    records.forEach((r, i) => {
      for (const q of r.quads) if (!owner.has(q.subject.value)) owner.set(q.subject.value, i);
    });
    const out: string[][] = records.map(() => []);
    for (const v of all) out[owner.get(v.focusNode) ?? 0]?.push(formatViolation(v));
    return out;
  }
}
