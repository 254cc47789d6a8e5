/**
 * The shipped works spec (mappings/links/works.yaml) on the demo data (fixtures/, as `npm start`
 * loads it) plus a few works a patent cites and a DataCite record relates to
 * (test/fixtures/works-links/cited-works.ru), scored against the hand-checked pairs of
 * fixtures/link-truth/works.csv (IRIs relative to the base). Works v2 reaches precision 24/24 and
 * recall 24/24: a change to the spec that loses a pair or links a wrong one fails here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLinkSpec } from '../../src/links/run.js';
import { loadLinkSpec } from '../../src/links/spec-file.js';
import { fixture, importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let r: Awaited<ReturnType<typeof runLinkSpec>>;
const unordered = (a: string, b: string) => [a, b].sort().join(' ');
const id = (local: string) => `${s.config.baseIri}id/${local}`;

beforeAll(async () => {
  s = await startTestServer({ config: { queryTimeoutMs: 120 } });
  await importFixtures(s.store, s.config.baseIri, ['']);
  const extra = readFileSync(new URL('../fixtures/works-links/cited-works.ru', import.meta.url), 'utf8');
  await s.store.update(extra.replaceAll('{base}', s.config.baseIri));
  r = await runLinkSpec(s.store, loadLinkSpec('works').spec, { baseIri: s.config.baseIri, write: false });
}, 300_000);
afterAll(() => s.close());

describe('works spec against hand-checked truth', () => {
  it('precision and recall are 1 across usage items, patent citations and DataCite related works', () => {
    const truth = new Set(
      readFileSync(fixture('link-truth/works.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => {
          const [a, b] = line.split(',');
          return unordered(`${s.config.baseIri}${a}`, `${s.config.baseIri}${b}`);
        }),
    );
    const accepted = new Set(r.result.pairs.filter((p) => p.status === 'accepted').map((p) => unordered(p.source, p.target)));
    const hits = [...accepted].filter((p) => truth.has(p)).length;
    expect([...accepted].filter((p) => !truth.has(p))).toEqual([]);
    expect(hits / truth.size).toBe(1);
  });

  it('a shared ISSN alone waits for review: an article citing a journal is not the journal', () => {
    const pair = r.result.pairs.find((p) => p.source === id('patent/XX0000001A1#npl-2'));
    expect(pair?.target).toBe(id('work/issn-0043-1168'));
    expect(pair?.status).toBe('review');
  });

  it('title and creator of many editions without a year within 2 are ruled out, not sent to review', () => {
    expect(r.result.pairs.filter((p) => p.source === id('doi/10.99999/rel-c'))).toEqual([]);
  });

  it('an entity selected on both sides is not linked to itself', () => {
    expect(r.result.pairs.filter((p) => p.source === p.target)).toEqual([]);
  });
});
