import { describe, expect, it } from 'vitest';
import { LibkgError } from '../../src/errors.js';
import { queryShape } from '../../src/store/query-form.js';
import { codeOnly } from '../../src/store/sparql-text.js';

const RDF = 'PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n';
const caught = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as LibkgError;
  }
  throw new Error('expected an error');
};

describe('queryShape', () => {
  it('reads the form of a CONSTRUCT whose template is one blank-node property list (sparqljs crashes on it)', () => {
    const q = `${RDF}CONSTRUCT { [ rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ] } WHERE { ?s ?p ?o }`;
    expect(queryShape(q)).toEqual({ form: 'CONSTRUCT', ownDataset: false });
    expect(queryShape(`${RDF}CONSTRUCT { [ rdf:subject ?s ] } FROM <http://x/g> WHERE { ?s ?p ?o }`)).toEqual({ form: 'CONSTRUCT', ownDataset: true });
  });

  it('says whether the query names its own dataset', () => {
    expect(queryShape('SELECT * { ?s ?p ?o }').ownDataset).toBe(false);
    expect(queryShape('SELECT * FROM <http://x/g> { ?s ?p ?o }').ownDataset).toBe(true);
    expect(queryShape('ASK FROM NAMED <http://x/g> { GRAPH ?g { ?s ?p ?o } }').ownDataset).toBe(true);
    // "FROM" inside a string, an IRI or a comment is not a dataset clause.
    expect(queryShape('SELECT * { ?s ?p "FROM <x>" } # FROM <http://x/g>').ownDataset).toBe(false);
  });

  it('still reports syntax errors with their position, and the parser own errors', () => {
    const e = caught(() => queryShape('SELECT * WHERE {\n  ?s ?p \n}'));
    expect(e).toBeInstanceOf(LibkgError);
    expect(e.code).toBe('QUERY_SYNTAX');
    expect(e.extra).toMatchObject({ line: 2 });
    expect(caught(() => queryShape('SELECT * { ?s nope:p ?o }')).message).toMatch(/Unknown prefix: nope/);
    expect(caught(() => queryShape('INSERT DATA { <x:s> <x:p> 1 }')).code).toBe('QUERY_SYNTAX');
  });

  it('blanks comments, strings and IRIs but keeps length and lines', () => {
    const text = 'SELECT * { ?s <http://x/#a> "a # b" . } # c\nFILTER(?a < ?b)';
    const code = codeOnly(text);
    expect(code).toHaveLength(text.length);
    expect(code).not.toMatch(/http|a # b| c$/m);
    expect(code.split('\n')[1]).toBe('FILTER(?a < ?b)');
  });
});
