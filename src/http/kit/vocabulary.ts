import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { NS, PREFIXES } from '../../vocab.js';

/** The project root (holding ontology/ and shapes/), from src/ or dist/ alike. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** Every Turtle file of a folder, parsed into one list of triples (files in name order). */
export function loadTurtleFolder(folder: string): RDF.Quad[] {
  if (!existsSync(folder)) return [];
  const out: RDF.Quad[] = [];
  for (const f of readdirSync(folder)
    .filter((n) => n.endsWith('.ttl'))
    .sort()) {
    out.push(...new N3.Parser({ format: 'Turtle', baseIRI: PREFIXES.libkg }).parse(readFileSync(join(folder, f), 'utf8')));
  }
  return out;
}

const LABELS = [NS.rdfs('label'), NS.skos('prefLabel')];

/**
 * Labels and schema.org equivalents of vocabulary terms, from the ontology
 * (ontology/*.ttl) plus readable fallbacks for terms it does not label.
 */
export class VocabIndex {
  private readonly labels = new Map<string, string>();
  private readonly schemaTerms = new Map<string, string>();

  constructor(readonly ontology: RDF.Quad[]) {
    for (const q of ontology) {
      if (q.object.termType === 'Literal' && LABELS.includes(q.predicate.value)) {
        const lang = q.object.language;
        if (!this.labels.has(q.subject.value) || lang === 'en' || lang === '') this.labels.set(q.subject.value, q.object.value);
      }
      const p = q.predicate.value;
      const mapsToSchema =
        p === NS.owl('equivalentClass') ||
        p === NS.owl('equivalentProperty') ||
        p === NS.rdfs('subPropertyOf') ||
        p === NS.rdfs('subClassOf') ||
        p === NS.skos('exactMatch');
      if (mapsToSchema && q.object.value.startsWith(PREFIXES.schema) && !this.schemaTerms.has(q.subject.value)) {
        this.schemaTerms.set(q.subject.value, q.object.value.slice(PREFIXES.schema.length));
      }
    }
  }

  /** A label for a term: the ontology's, else its local name split into words. */
  label(iri: string): string {
    const l = this.labels.get(iri);
    if (l) return l;
    const local = iri.replace(/^.*[#/]/, '') || iri;
    return local
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/[_-]+/g, ' ')
      .toLowerCase();
  }

  hasLabel(iri: string): boolean {
    return this.labels.has(iri);
  }

  /** The schema.org term the ontology declares equivalent (or a super-term), if any. */
  schemaTerm(iri: string): string | undefined {
    return this.schemaTerms.get(iri);
  }
}

export interface Vocabulary {
  ontology: RDF.Quad[];
  shapes: RDF.Quad[];
  index: VocabIndex;
}

let loaded: Vocabulary | undefined;

/** Reads ontology/ and shapes/ once per process. */
export function vocabulary(root = projectRoot()): Vocabulary {
  if (!loaded) {
    const ontology = loadTurtleFolder(join(root, 'ontology'));
    loaded = { ontology, shapes: loadTurtleFolder(join(root, 'shapes')), index: new VocabIndex(ontology) };
  }
  return loaded;
}
