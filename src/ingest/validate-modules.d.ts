// Types for the parts of the untyped SHACL packages that src/ingest/validate.ts uses.
declare module 'shacl-engine' {
  import type * as RDF from '@rdfjs/types';
  export interface ShaclPathStep {
    predicates: RDF.Term[];
    quantifier: 'one' | 'oneOrMore' | 'zeroOrMore' | 'zeroOrOne';
    start: 'subject' | 'object';
  }
  export interface ShaclResult {
    focusNode: { term: RDF.Term };
    path?: ShaclPathStep[] | null;
    value?: { term: RDF.Term };
    severity: RDF.Term;
    message: RDF.Literal[];
    constraintComponent: RDF.Term;
  }
  export interface ShaclReport {
    conforms: boolean;
    results: ShaclResult[];
  }
  export class Validator {
    constructor(shapes: RDF.DatasetCore, options: { factory: unknown; debug?: boolean; details?: boolean });
    validate(data: { dataset: RDF.DatasetCore; terms?: Iterable<RDF.Term> }, shapes?: { terms?: Iterable<RDF.Term> }): Promise<ShaclReport>;
  }
}

declare module 'rdf-ext' {
  import type * as RDF from '@rdfjs/types';

  const rdf: RDF.DataFactory & { dataset(quads?: Iterable<RDF.Quad>): RDF.DatasetCore };
  export default rdf;
}
