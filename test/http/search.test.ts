import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageFacet } from '../../src/search/documents.js';
import { NS } from '../../src/vocab.js';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
const BASE = 'http://localhost:8080/';
const FILES = [
  'catalog/marc2bibframe2-gwu-subset.xml',
  'catalog/marc-perl-cjk1.marc',
  'catalog/marc-perl-cjk4.marc',
  'catalog/traject-test_data.utf8.mrc',
  'authors/gnd-marc21/marc21-rs-DUMP.mrc',
  'datasets/datacite-xml',
];

beforeAll(async () => {
  s = await startTestServer({ listen: true });
  await importFixtures(s.store, BASE, FILES);
}, 30_000);
afterAll(async () => s?.close());

interface Member {
  id: string;
  type?: string[];
  label?: (string | { '@value': string })[];
  contributor?: { id?: string; label: string }[];
}
interface Collection {
  id: string;
  type: string;
  'hydra:totalItems': number;
  'hydra:member': Member[];
  'hydra:view': Record<string, { id: string } | string>;
  facets: Record<string, { value: string; label?: string; count: number; view: string }[]>;
}

/** A real HTTP request on the loopback port. */
async function get(query: string, accept = 'application/ld+json'): Promise<Response> {
  return fetch(`${s.url}search?${query}`, { headers: { accept } });
}
async function search(query: string): Promise<Collection> {
  const r = await get(query);
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as Collection;
}
const ids = (c: Collection) => c['hydra:member'].map((m) => m.id);

async function sparqlRows(query: string): Promise<Record<string, { value: string }>[]> {
  const r = await s.store.query(query, { format: 'application/sparql-results+json' });
  return (JSON.parse(r.body) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
}

describe('GET /search finds real records', () => {
  it('a known title, ranked first, as a Hydra collection in JSON-LD', async () => {
    const c = await search(`q=${encodeURIComponent('sixty years foreign affairs')}`);
    expect(c.type).toBe('hydra:Collection');
    expect(ids(c)[0]).toBe(`${BASE}id/work/local-11863566`);
    expect(c['hydra:member'][0]?.type).toContain('bibo:Book');
    expect(c['hydra:member'][0]?.contributor?.map((x) => x.label)).toContain('Wang, Yizhou, 1957-');
  });

  it('a CJK title by a word inside it (Chinese, Japanese)', async () => {
    expect(ids(await search(`q=${encodeURIComponent('外交')}`))).toEqual([`${BASE}id/work/local-11863566`]);
    expect(ids(await search(`q=${encodeURIComponent('アイヌ語')}`))).toEqual([`${BASE}id/work/cstrlin-MIUO02-B3220`]);
    // Two CJK words in order: both must occur, each as written.
    expect(ids(await search(`q=${encodeURIComponent('title:"金田一 京助"')}`))).toContain(`${BASE}id/work/cstrlin-MIUO02-B3220`);
  });

  it('an author with diacritics, typed with or without them', async () => {
    for (const q of ['author:dvorak', 'author:Dvořák', 'contributor:"dvorak antonin"']) {
      expect(ids(await search(`q=${encodeURIComponent(q)}`)), q).toContain(`${BASE}id/work/local-7704450`);
    }
    // A title with a macron, typed plainly.
    expect(ids(await search(`q=${encodeURIComponent('title:"Kindaichi Kyosuke"')}&type=bibo:Document`))[0]).toBe(`${BASE}id/work/cstrlin-MIUO02-B3220`);
  });

  it('German names in either spelling: Goethe finds the umlaut form and back', async () => {
    const goethe = ids(await search('q=goethe&type=foaf:Person'));
    expect(goethe).toContain(`${BASE}id/person/gnd-118540238`);
    expect(ids(await search(`q=${encodeURIComponent('Göthe')}&type=foaf:Person`)).sort()).toEqual(goethe.sort());
    // The GND record's Chinese variant name finds the same person.
    expect(ids(await search(`q=${encodeURIComponent('歌德')}`))).toContain(`${BASE}id/person/gnd-118540238`);
  });

  it('an ISBN with or without hyphens, and a DOI', async () => {
    for (const q of ['9787500481676', '978-7-5004-8167-6', 'id:978-7-5004-8167-6', 'isbn:7500481675']) {
      expect(ids(await search(`q=${encodeURIComponent(q)}`))[0], q).toBe(`${BASE}id/work/local-11863566`);
    }
    for (const q of ['10.48321/d1z60q', 'doi:10.48321/D1Z60Q', 'id:10.48321/d1z60q']) {
      expect(ids(await search(`q=${encodeURIComponent(q)}`))[0], q).toBe(`${BASE}id/doi/10.48321/d1z60q`);
    }
  });

  it('AND, OR, NOT and quoted phrases', async () => {
    const both = await search(`q=${encodeURIComponent('goethe AND schiller')}`);
    const either = await search(`q=${encodeURIComponent('goethe OR schiller')}`);
    const without = await search(`q=${encodeURIComponent('goethe -schiller')}`);
    expect(either['hydra:totalItems']).toBeGreaterThan(both['hydra:totalItems']);
    expect(without['hydra:totalItems'] + both['hydra:totalItems']).toBe((await search('q=goethe'))['hydra:totalItems']);
    expect(ids(either)).toContain(`${BASE}id/person/gnd-118607626`);
    expect((await search(`q=${encodeURIComponent('"foreign affairs sixty"')}`))['hydra:totalItems']).toBe(0);
  });
});

describe('the JSON-LD answer', () => {
  it('expands to Hydra and libkg terms, with labels in their languages and facets as a JSON literal', async () => {
    const c = await search(`q=${encodeURIComponent('歌德')}&size=1`);
    const [node] = (await jsonld.expand(c as never)) as Record<string, unknown[]>[];
    expect(node?.['@type']).toEqual([NS.hydra('Collection')]);
    expect(node?.[NS.hydra('totalItems')]).toEqual([{ '@value': 1 }]);
    const member = node?.[NS.hydra('member')]?.[0] as Record<string, { '@value'?: string; '@language'?: string; '@id'?: string }[]>;
    expect(member['@id']).toBe(`${BASE}id/person/gnd-118540238`);
    expect(member['@type']).toEqual([NS.foaf('Person')]);
    expect(member[NS.rdfs('label')]?.some((l) => l['@value']?.startsWith('Goethe'))).toBe(true);
    expect(node?.[NS.libkg('facets')]?.[0]).toMatchObject({ '@type': '@json' });
  });

  it('answers 304 to a client that has the current answer, and a new one after a write', async () => {
    const first = await get('q=goethe');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"search-\d+-jsonld-en"$/);
    const again = await fetch(`${s.url}search?q=goethe`, { headers: { accept: 'application/ld+json', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    await s.store.update(`INSERT DATA { GRAPH <${BASE}graph/test/etag> { <${BASE}id/person/x-etag> <${NS.foaf('name')}> "Goethe Etag" } }`);
    const changed = await fetch(`${s.url}search?q=goethe`, { headers: { accept: 'application/ld+json', 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    await s.store.deleteGraphs([`${BASE}graph/test/etag`]);
  });

  it('limits the page size to the configured maximum', async () => {
    const small = await startTestServer({ config: { searchMaxPageSize: 5 } });
    try {
      const r = await small.app.inject({ url: '/search?size=6' });
      expect(r.statusCode).toBe(400);
      expect(r.json().detail).toBe('size must be at most 5, got 6');
      expect((await small.app.inject({ url: '/search?size=5' })).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('filters, facets and paging', () => {
  it('facet counts agree with SPARQL COUNT on the same store', async () => {
    const c = await search('type=bibo:Book&size=1');
    const [total] = await sparqlRows(`SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <${NS.bibo('Book')}> FILTER STRSTARTS(STR(?s), "${BASE}id/") }`);
    expect(c['hydra:totalItems']).toBe(Number(total?.n?.value));
    // Languages: the same codes search uses (ISO 639-1 where one exists).
    const langRows = await sparqlRows(`SELECT ?s ?l WHERE { ?s a <${NS.bibo('Book')}> ; <${NS.dct('language')}> ?l FILTER STRSTARTS(STR(?s), "${BASE}id/") }`);
    const byLang = new Map<string, Set<string>>();
    for (const r of langRows) {
      const code = languageFacet(r.l?.value ?? '');
      if (code) byLang.set(code, (byLang.get(code) ?? new Set()).add(r.s?.value ?? ''));
    }
    expect(c.facets.lang?.length).toBeGreaterThan(1);
    for (const f of c.facets.lang ?? []) expect(f.count, f.value).toBe(byLang.get(f.value)?.size);
    const subjects = await sparqlRows(
      `SELECT ?o (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <${NS.bibo('Book')}> ; <${NS.dct('subject')}> ?o FILTER STRSTARTS(STR(?s), "${BASE}id/") } GROUP BY ?o`,
    );
    const bySubject = new Map(subjects.map((r) => [r.o?.value, Number(r.n?.value)]));
    // Subject concepts (IRIs) are dct:subject values; keywords (plain strings) come from other properties.
    const concepts = (c.facets.subject ?? []).filter((f) => f.value.startsWith('http'));
    expect(concepts.length).toBeGreaterThan(0);
    for (const f of concepts) expect(f.count, f.value).toBe(bySubject.get(f.value));
    const types = await sparqlRows(
      `SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <${NS.bibo('Book')}>, ?t FILTER STRSTARTS(STR(?s), "${BASE}id/") } GROUP BY ?t`,
    );
    const byType = new Map(types.map((r) => [r.t?.value, Number(r.n?.value)]));
    for (const f of c.facets.type ?? []) expect(f.count, f.value).toBe(byType.get(f.value.replace(/^bibo:/, NS.bibo(''))));
  });

  it('filters by type, language and year range, in parameters or in the query', async () => {
    const zh = await search('type=bibo:Book&lang=chi');
    expect(ids(zh)).toContain(`${BASE}id/work/local-11863566`);
    expect(zh['hydra:totalItems']).toBe((await search('type=bibo:Book&lang=zh'))['hydra:totalItems']);
    expect(ids(await search('q=foreign&year=2009'))).toContain(`${BASE}id/work/local-11863566`);
    expect(ids(await search('q=foreign&year=2010-2020'))).not.toContain(`${BASE}id/work/local-11863566`);
    expect(ids(await search(`q=${encodeURIComponent('foreign type:bibo:Book year:2000-2009')}`))).toContain(`${BASE}id/work/local-11863566`);
    const facetLink = (await search('q=goethe')).facets.type?.find((f) => f.value === 'foaf:Person');
    expect(facetLink?.view).toContain('type=foaf%3APerson');
  });

  it('sorts by year or label on request', async () => {
    const years = (c: Collection) => c['hydra:member'].map((m) => Number((m as unknown as { issued?: { '@value': string }[] }).issued?.[0]?.['@value']));
    const newest = years(await search('type=bibo:Book&sort=newest&size=100'));
    expect(newest.length).toBeGreaterThan(5);
    const known = newest.filter((y) => !Number.isNaN(y));
    expect(known).toEqual([...known].sort((a, b) => b - a));
    const oldest = years(await search('type=bibo:Book&sort=oldest&size=100')).filter((y) => !Number.isNaN(y));
    expect(oldest).toEqual([...known].reverse());
    expect((await get('sort=random')).status).toBe(400);
  });

  it('pages with page/size or from/size, linked by hydra:view', async () => {
    const all = await search('type=bibo:Book&size=100');
    const n = all['hydra:totalItems'];
    expect(n).toBeGreaterThan(5);
    const p2 = await search('type=bibo:Book&size=2&page=2');
    expect(ids(p2)).toEqual(ids(all).slice(2, 4));
    expect(ids(await search('type=bibo:Book&size=2&from=2'))).toEqual(ids(p2));
    const view = p2['hydra:view'] as Record<string, { id: string }>;
    expect(view['hydra:previous']?.id).toBe(`${BASE}search?type=bibo%3ABook&size=2`);
    expect(view['hydra:next']?.id).toBe(`${BASE}search?type=bibo%3ABook&size=2&page=3`);
    expect(view['hydra:last']?.id).toBe(`${BASE}search?type=bibo%3ABook&size=2&page=${Math.ceil(n / 2)}`);
    // Following next to the end visits every result once.
    const seen: string[] = [];
    let url: string | undefined = `${s.url}search?type=bibo:Book&size=3`;
    while (url) {
      const page = (await (await fetch(url, { headers: { accept: 'application/json' } })).json()) as Collection;
      seen.push(...ids(page));
      const next = (page['hydra:view'] as Record<string, { id: string }>)['hydra:next']?.id;
      url = next ? s.url + next.slice(BASE.length) : undefined;
    }
    expect(seen).toEqual(ids(all));
  });
});

describe('bad and hostile input', () => {
  it('answers every hostile query with results or a clean 400, never a 500', async () => {
    const hostile = [
      '"',
      '""',
      '*',
      '**',
      'a*b*',
      'NEAR(',
      'NEAR(goethe schiller, 2)',
      ')',
      '(((',
      ':',
      'title:',
      ':goethe',
      "'",
      "' OR 1=1 --",
      "'); DROP TABLE entities; --",
      'goethe" OR "1"="1',
      '{label} : goethe',
      'label:goethe',
      'fts MATCH x',
      'AND',
      'OR OR',
      'NOT',
      '-',
      '-goethe',
      'NOT goethe',
      '^',
      'goethe^2',
      '\u0000',
      'goethe\u0000faust',
      '\\',
      '%',
      'type:',
      'type:nonsense',
      'year:abc',
      'year:1990-',
      '(goethe OR',
      'title:(goethe OR schiller',
      'x'.repeat(1001),
      Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '),
      '('.repeat(50) + 'goethe' + ')'.repeat(50),
    ];
    for (const q of hostile) {
      const r = await get(`q=${encodeURIComponent(q)}`);
      expect([200, 400], JSON.stringify(q)).toContain(r.status);
      if (r.status === 400) {
        expect(r.headers.get('content-type')).toContain('application/problem+json');
        const p = (await r.json()) as { code: string; detail: string };
        expect(['BAD_REQUEST', 'SEARCH_SYNTAX'], JSON.stringify(q)).toContain(p.code);
        expect(p.detail.length).toBeGreaterThan(10);
      } else expect(((await r.json()) as Collection).type).toBe('hydra:Collection');
    }
    // The index is intact after all of them.
    expect((await search('q=goethe'))['hydra:totalItems']).toBeGreaterThan(0);
  });

  it('answers a malformed query with 400 SEARCH_SYNTAX saying where, not with every entity', async () => {
    const cases: [string, number][] = [
      ['(', 1],
      ['AND OR', 1],
      ['"pride and', 1],
      ['goethe OR', 8],
      ['faust)', 6],
    ];
    for (const [q, position] of cases) {
      const r = await get(`q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      const p = (await r.json()) as { code: string; detail: string; position: number };
      expect(p, q).toMatchObject({ code: 'SEARCH_SYNTAX', position });
      expect(p.detail, q).toContain(`character ${position}`);
    }
    const page = await get(`q=${encodeURIComponent('(')}`, 'text/html');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('never closed');
  });

  it('rejects bad parameters with problem+json saying what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['size=1000', /size must be at most 100/],
      ['size=0', /size must be a whole number/],
      ['page=-1', /page must be a whole number/],
      ['page=2&from=3', /either page or from/],
      ['q=a&q=b', /q may be given once/],
      ['type=%3Cjavascript%3E', /type must be a CURIE/],
      ['year=soon', /year must be a year or a range/],
      ['lang=%27%3B', /lang must be a language code/],
      ['format=xml', /format must be one of/],
      ['q=-goethe', /not negated/],
    ];
    for (const [query, message] of cases) {
      const r = await get(query);
      expect(r.status, query).toBe(400);
      expect(((await r.json()) as { detail: string }).detail, query).toMatch(message);
    }
    expect((await get('q=goethe', 'image/png')).status).toBe(406);
  });
});

describe('the index follows the store', () => {
  it('a deleted record graph leaves no hit behind', async () => {
    expect(ids(await search('q=author:dvorak'))).toContain(`${BASE}id/work/local-7704450`);
    await s.store.deleteGraphs([`${BASE}graph/catalog/local-7704450`]);
    expect(ids(await search('q=author:dvorak'))).not.toContain(`${BASE}id/work/local-7704450`);
    expect(ids(await search('q=title:"piano and violoncello"'))).toEqual([]);
  });

  it('importing the same records again does not duplicate hits', async () => {
    const before = await search('q=foreign&size=100');
    await importFixtures(s.store, BASE, ['catalog/marc2bibframe2-gwu-subset.xml']);
    const after = await search('q=foreign&size=100');
    expect(after['hydra:totalItems']).toBe(before['hydra:totalItems']);
    expect(new Set(ids(after)).size).toBe(ids(after).length);
  });

  it('an entity described by two graphs merges both, and keeps the other when one goes', async () => {
    const g = `${BASE}graph/test/extra-goethe`;
    await s.store.update(`INSERT DATA { GRAPH <${g}> { <${BASE}id/person/gnd-118540238> <${NS.skos('altLabel')}> "Dichterfürst Zebulon" } }`);
    expect(ids(await search('q=zebulon'))).toEqual([`${BASE}id/person/gnd-118540238`]);
    expect(ids(await search('q=zebulon'))).toEqual(ids(await search(`q=${encodeURIComponent('Dichterfuerst')}`)));
    await s.store.deleteGraphs([g]);
    expect(ids(await search('q=zebulon'))).toEqual([]);
    expect(ids(await search('q=goethe'))).toContain(`${BASE}id/person/gnd-118540238`);
  });
});
