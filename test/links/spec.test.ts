import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isLibkgError } from '../../src/errors.js';
import { LinkSpecError } from '../../src/links/spec/errors.js';
import { parseLinkSpec } from '../../src/links/spec/parse.js';
import { NS } from '../../src/vocab.js';

const FILE = 'mappings/links/persons.yaml';
const GOOD = `id: persons
version: 2
label: Persons
prefixes: { gnd: "https://d-nb.info/standards/elementset/gnd#" }
source: { class: foaf:Person, graph: "http://x/graph/marc/" }
target: { sparql: "?e a gnd:DifferentiatedPerson ." }
values:
  name: { path: "foaf:name|gnd:preferredNameForThePerson", transforms: [lowercase, fold-diacritics] }
  born: { path: schema:birthDate, transforms: [year] }
blocking:
  - { value: name, method: qgrams, q: 3 }
  - { value: name, method: sorted-neighbourhood, window: 5 }
compare:
  - { value: name, using: jaro-winkler, weight: 2 }
  - { value: born, using: year-distance, max: 5 }
  - { evidence: shared-works, weight: 0.5 }
aggregate:
  tree:
    if: "born.year-distance < 0.5"
    then: 0
    else: weighted-mean
accept: 0.9
review: 0.8
link: owl:sameAs
`;

function refusal(text: string): LinkSpecError {
  try {
    parseLinkSpec(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(LinkSpecError);
    return e as LinkSpecError;
  }
  throw new Error('the spec was accepted');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseLinkSpec', () => {
  it('parses a full spec: CURIEs expanded (own prefixes too), defaults filled in', () => {
    const s = parseLinkSpec(GOOD, FILE);
    expect(s.id).toBe('persons');
    expect(s.version).toBe(2);
    expect(s.source).toEqual({ class: NS.foaf('Person'), graph: 'http://x/graph/marc/' });
    expect(s.values.name!.path).toBe(`<${NS.foaf('name')}>|<https://d-nb.info/standards/elementset/gnd#preferredNameForThePerson>`);
    expect(s.blocking[1]).toMatchObject({ method: 'sorted-neighbourhood', window: 5, maxBlock: 1000 });
    expect(s.compare.map((c) => c.name)).toEqual(['name.jaro-winkler', 'born.year-distance', 'shared-works']);
    expect(s.compare[2]).toMatchObject({ using: 'overlap', value: 'shared-works', weight: 0.5 });
    expect(s.aggregate).toEqual({ tree: { when: { key: 'born.year-distance', op: '<', value: 0.5 }, yes: 0, no: 'weighted-mean' } });
    expect(s.link).toBe(NS.owl('sameAs'));
    expect(s.best).toEqual({ mode: 'all' });
  });

  it('parses every shipped spec', () => {
    const dir = new URL('../../mappings/links/', import.meta.url).pathname;
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files).toContain('publications.yaml');
    for (const f of files) expect(parseLinkSpec(readFileSync(dir + f, 'utf8'), f).id).toBe(f.replace('.yaml', ''));
  });

  it('names file, line and key of an unknown comparator, and lists the known ones', () => {
    const text = GOOD.replace('using: jaro-winkler', 'using: jaro-winklr');
    const e = refusal(text);
    expect(e.message).toBe(
      `${FILE}:${lineOf(text, 'jaro-winklr')}: compare[0].using: unknown "jaro-winklr"; known: ${['"exact"', '"identifier"', '"levenshtein"', '"jaro"', '"jaro-winkler"'].join(', ')}, "token-jaccard", "trigram", "tfidf", "soft-tfidf", "monge-elkan", "year-distance", "number-distance", "overlap"`,
    );
    expect(e.code).toBe('LINK_SPEC_INVALID');
    expect(isLibkgError(e) && e.toProblem()).toMatchObject({
      code: 'LINK_SPEC_INVALID',
      file: FILE,
      line: lineOf(text, 'jaro-winklr'),
      key: 'compare[0].using',
    });
  });

  it('names an unknown transform and the known ones', () => {
    const text = GOOD.replace('transforms: [year]', 'transforms: [year, soundex]');
    const e = refusal(text);
    expect(e.message).toMatch(
      new RegExp(`^${FILE}:${lineOf(text, 'soundex')}: values\\.born\\.transforms\\[1\\]: unknown transform "soundex"; known: .*"fold-diacritics".*"isbn13"`),
    );
  });

  it.each([
    ['a YAML syntax error', GOOD.replace('review: 0.8', 'review: x: 0.8'), /: not valid YAML: Nested mappings are not allowed in compact mappings$/, 'review'],
    ['a key given twice', GOOD.replace('review: 0.8', 'review: 0.8\naccept: 0.7'), /: not valid YAML: Map keys must be unique$/, 'accept: 0.7'],
    ['an unknown top-level key', GOOD.replace('link: owl:sameAs', 'lnk: owl:sameAs'), /lnk: unknown key; known keys: "id"/, 'lnk'],
    [
      'a value no comparison can read',
      GOOD.replace('value: born, using', 'value: died, using'),
      /compare\[1\]\.value: no value named "died" under values:; known: "name", "born"/,
      'died',
    ],
    ['an unknown prefix in a path', GOOD.replace('schema:birthDate', 'sdo:birthDate'), /values\.born\.path: unknown prefix "sdo"/, 'sdo:'],
    ['review above accept', GOOD.replace('review: 0.8', 'review: 0.95'), /review: must not be above accept \(0\.9\), got 0\.95/, 'review'],
    ['a threshold out of range', GOOD.replace('accept: 0.9', 'accept: 9'), /accept: must be between 0 and 1, got 9/, 'accept'],
    [
      'an unknown blocking method',
      GOOD.replace('method: qgrams', 'method: soundex'),
      /blocking\[0\]\.method: unknown "soundex"; known: "tokens", "qgrams"/,
      'soundex',
    ],
    [
      'an unknown link predicate',
      GOOD.replace('link: owl:sameAs', 'link: rdfs:seeAlso'),
      /link: unknown link predicate "rdfs:seeAlso"; known: "owl:sameAs"/,
      'rdfs:seeAlso',
    ],
    [
      'a selection with class and sparql',
      GOOD.replace('{ class: foaf:Person,', '{ class: foaf:Person, sparql: "?e ?p ?o",'),
      /source: needs exactly one of "class" or "sparql"/,
      'source:',
    ],
    ['a pattern that does not bind ?e', GOOD.replace('?e a gnd', '?x a gnd'), /target\.sparql: the pattern must bind \?e/, '?x a gnd'],
    [
      'a rule on an unknown comparison',
      GOOD.replace('if: "born.year-distance', 'if: "died.year-distance'),
      /aggregate\.tree\.if: no comparison named "died\.year-distance"/,
      'died',
    ],
    [
      'an unknown graph evidence',
      GOOD.replace('evidence: shared-works', 'evidence: shared-pets'),
      /compare\[2\]\.evidence: unknown "shared-pets"; known: "shared-coauthors"/,
      'shared-pets',
    ],
    [
      'a target that is neither same nor a selection',
      GOOD.replace(/^target: .*$/m, 'target: sme'),
      /target: "sme" is neither "same" \(deduplication\) nor a selection/,
      'target:',
    ],
    ['a bad id', GOOD.replace('id: persons', 'id: Persons Spec'), /id: "Persons Spec" must be lower-case/, 'id:'],
  ])('refuses %s, naming its line', (_what, text, message, needle) => {
    const e = refusal(text);
    expect(e.message).toMatch(message);
    expect(e.line).toBe(lineOf(text, needle));
    expect(e.message.startsWith(`${FILE}:${e.line}: `)).toBe(true);
  });

  it('names the missing key', () => {
    const e = refusal(GOOD.replace(/^accept: 0\.9\n/m, ''));
    expect(e.key).toBe('accept');
    expect(e.message).toMatch(/accept: is required/);
  });
});
