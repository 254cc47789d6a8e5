/** An entity that both selections return (a catalogue series a catalogue record relates to) is not linked to itself. */
import { expect, it } from 'vitest';
import { type LinkEntity, matchEntities } from '../../src/links/engine/index.js';
import { parseLinkSpec } from '../../src/links/spec/parse.js';

const spec = parseLinkSpec(
  `id: works-self
source: { sparql: "?x dct:relation ?e ." }
target: { class: bibo:Book }
values:
  issn: { path: bibo:issn, transforms: [issn] }
blocking:
  - { value: issn, method: identifier }
compare:
  - { value: issn, using: identifier }
accept: 1
`,
  'works-self.yaml',
);

const work = (iri: string, issn: string): LinkEntity => ({ iri, values: { issn: [issn] } });

it('links the other entity with the identifier, never the entity to itself', () => {
  const series = work('w:series', '0043-1168');
  const r = matchEntities(spec, [series], [series, work('w:other', '00431168')]);
  expect(r.pairs.map((p) => [p.source, p.target])).toEqual([['w:series', 'w:other']]);
  expect(r.stats.compared).toBe(2);
});
