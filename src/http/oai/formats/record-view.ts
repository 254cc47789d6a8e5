/** Read access to one record graph: its main entity, property values and display labels. */
import type * as RDF from '@rdfjs/types';
import { NS } from '../../../vocab.js';
import { classesOf } from '../protocol/sets.js';

const LABELS = [NS.foaf('name'), NS.skos('prefLabel'), NS.rdfs('label'), NS.dct('title')];

export class RecordView {
  private readonly bySubject = new Map<string, RDF.Quad[]>();
  /** The entity the record is about (its IRI or blank node label). */
  readonly main: string | undefined;
  readonly mainIsIri: boolean;

  constructor(
    quads: readonly RDF.Quad[],
    readonly graph: string,
    set: string | undefined,
  ) {
    for (const q of quads) {
      const list = this.bySubject.get(q.subject.value);
      if (list) list.push(q);
      else this.bySubject.set(q.subject.value, [q]);
    }
    const wanted = new Set(set ? classesOf(set) : []);
    const subjects = [...this.bySubject.keys()].filter((s) => s !== graph);
    this.main = subjects.find((s) => this.values(s, NS.rdf('type')).some((t) => wanted.has(t.value))) ?? subjects[0];
    this.mainIsIri = this.main !== undefined && this.bySubject.get(this.main)?.[0]?.subject.termType === 'NamedNode';
  }

  values(subject: string | undefined, predicate: string): RDF.Term[] {
    if (subject === undefined) return [];
    return (this.bySubject.get(subject) ?? []).filter((q) => q.predicate.value === predicate).map((q) => q.object);
  }

  /** The first value of the first predicate that has one. */
  first(subject: string | undefined, predicates: readonly string[]): RDF.Term | undefined {
    for (const p of predicates) {
      const v = this.values(subject, p)[0];
      if (v) return v;
    }
    return undefined;
  }

  /** A human label for a node: its name/label in this graph, else a literal's value or the IRI. */
  label(term: RDF.Term): string {
    if (term.termType === 'Literal') return term.value;
    const l = this.first(term.value, LABELS);
    return l?.termType === 'Literal' ? l.value : term.value;
  }

  /** The language tag of a node's label, if any. */
  labelLang(term: RDF.Term): string | undefined {
    const l = term.termType === 'Literal' ? term : this.first(term.value, LABELS);
    return l?.termType === 'Literal' && l.language ? l.language : undefined;
  }
}
