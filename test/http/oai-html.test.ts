/** /oai for browsers: an HTML page made on the server when text/html is preferred; harvesters keep the XML. */
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPuts, samplePuts } from '../fixtures/oai/sample-records.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Chromium's Accept header for a page. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';
const F = N3.DataFactory;

let server: TestServer;
let base: string;
/** A record graph whose IRI (the OAI identifier) holds characters that must be encoded in a link. */
let oddId: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.config.baseIri;
  oddId = `${base}graph/catalog/a&b?c=ü#x%41`;
  const work = F.namedNode(`${base}id/work/odd`);
  const g = F.namedNode(oddId);
  await server.store.putGraphs([
    ...samplePuts(base),
    {
      graph: oddId,
      source: 'catalog',
      quads: [
        F.quad(work, F.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), F.namedNode('http://purl.org/ontology/bibo/Book'), g),
        F.quad(work, F.namedNode('http://purl.org/dc/terms/title'), F.literal('<script>alert(1)</script> & "quoted" Zürich', 'de'), g),
      ],
    },
    ...generatedPuts(base, 120),
  ]);
});
afterAll(() => server.close());

const get = (url: string, accept?: string) => server.app.inject({ method: 'GET', url, headers: accept === undefined ? {} : { accept } });
/** Every href of a page, HTML-unescaped, resolved against the server. */
const hrefs = (page: string) =>
  [...page.matchAll(/href="([^"]*)"/g)].map((m) => new URL((m[1] as string).replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'"), base));
const withoutDate = (xml: string) => xml.replace(/<responseDate>[^<]*<\/responseDate>/, '');

describe('GET /oai content negotiation', () => {
  it('gives a browser an HTML page with Vary: Accept and a no-script policy', async () => {
    const r = await get('/oai?verb=Identify', BROWSER);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers.vary).toMatch(/Accept/);
    expect(r.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(r.body).toContain('<h1>OAI-PMH: Identify</h1>');
    expect(r.body).toContain('<header class="site">');
    expect(r.body).not.toMatch(/<script/i);
  });

  it('gives harvesters (*/*, text/xml, application/xml, no Accept) the same XML, without a stylesheet instruction', async () => {
    const reference = await get('/oai?verb=ListRecords&metadataPrefix=oai_dc', 'text/xml');
    expect(reference.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(reference.headers.vary).toMatch(/Accept/);
    expect(reference.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<OAI-PMH /);
    expect(reference.body).not.toContain('xml-stylesheet');
    for (const accept of [undefined, '*/*', 'application/xml', 'text/xml, text/html;q=0.5', 'image/png']) {
      const r = await get('/oai?verb=ListRecords&metadataPrefix=oai_dc', accept);
      expect(r.headers['content-type'], String(accept)).toBe('text/xml; charset=utf-8');
      expect(withoutDate(r.body), String(accept)).toBe(withoutDate(reference.body));
    }
    expect((await get('/oai/oai2.xsl')).statusCode).toBe(404);
  });

  it('answers a browser form POST as a page too', async () => {
    const r = await server.app.inject({
      method: 'POST',
      url: '/oai',
      headers: { accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'verb=ListSets',
    });
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<h1>OAI-PMH: ListSets</h1>');
  });

  it('links every page to the same answer as XML at /oai/xml, which ignores Accept', async () => {
    const page = (await get('/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=' + encodeURIComponent(oddId), BROWSER)).body;
    const xmlLink = hrefs(page).find((u) => u.pathname === '/oai/xml');
    expect(xmlLink?.searchParams.get('identifier')).toBe(oddId);
    const xml = await get(xmlLink?.pathname + (xmlLink?.search ?? ''), BROWSER);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body).toContain('<GetRecord>');
    expect(xml.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; Zürich');
  });
});

describe('the OAI-PMH pages', () => {
  it('encodes identifiers in links and escapes record text', async () => {
    const page = (await get('/oai?verb=ListRecords&metadataPrefix=oai_dc', BROWSER)).body;
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; Zürich');
    const toOdd = hrefs(page).filter((u) => u.searchParams.get('verb') === 'GetRecord' && u.searchParams.get('identifier') === oddId);
    expect(toOdd).toHaveLength(1);
    expect(toOdd[0]?.searchParams.get('metadataPrefix')).toBe('oai_dc');
    // Followed, the link finds the record (a raw & or # would have cut the identifier short).
    const record = await get(`${toOdd[0]?.pathname}${toOdd[0]?.search}`, BROWSER);
    expect(record.body).toContain('<section class="record">');
    expect(record.body).toContain(
      '<th>dc:title</th><td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; Zürich <span class="lang">@de</span></td>',
    );
  });

  it('shows errors with their code, the asked identifier escaped', async () => {
    const missing = await get(`/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent('x<y"z&w')}`, BROWSER);
    expect(missing.body).toMatch(/<p class="oai-error"><strong>idDoesNotExist<\/strong>: no record has the identifier &quot;x&lt;y&quot;z&amp;w&quot;<\/p>/);
    expect(missing.body).not.toContain('x<y"z');
    const bad = await get('/oai?verb=ListRecords', BROWSER);
    expect(bad.body).toContain('<strong>badArgument</strong>');
    const token = await get('/oai?verb=ListRecords&resumptionToken=nonsense', BROWSER);
    expect(token.body).toContain('<strong>badResumptionToken</strong>');
    const verb = await get('/oai?verb=Nonsense', BROWSER);
    expect(verb.body).toContain('<strong>badVerb</strong>');
    expect(verb.body).toContain('<h1>OAI-PMH</h1>');
  });

  it('pages through a list with a next link carrying the token, and ends the list', async () => {
    const first = (await get('/oai?verb=ListIdentifiers&metadataPrefix=oai_dc', BROWSER)).body;
    const xml = (await get('/oai?verb=ListIdentifiers&metadataPrefix=oai_dc', '*/*')).body;
    const token = /<resumptionToken[^>]*>([^<]+)</.exec(xml)?.[1] as string;
    expect(first).toMatch(/100 record headers on this page, \d+ in the whole list\./);
    const next = hrefs(first).find((u) => u.searchParams.has('resumptionToken'));
    expect(next?.searchParams.get('resumptionToken')).toBe(token);
    expect(next?.searchParams.get('verb')).toBe('ListIdentifiers');
    const second = (await get(`${next?.pathname}${next?.search}`, BROWSER)).body;
    expect(second).toContain('End of the list.');
  });

  it('lists formats and sets as links, and shows MARCXML and RDF/XML as escaped source', async () => {
    const formats = (await get(`/oai?verb=ListMetadataFormats&identifier=${encodeURIComponent(`${base}graph/catalog/ocm001`)}`, BROWSER)).body;
    const prefixes = hrefs(formats).filter((u) => u.searchParams.get('verb') === 'GetRecord');
    expect(prefixes.map((u) => u.searchParams.get('metadataPrefix')).sort()).toEqual(['marcxml', 'oai_dc', 'rdf']);
    const sets = (await get('/oai?verb=ListSets', BROWSER)).body;
    expect(hrefs(sets).some((u) => u.searchParams.get('verb') === 'ListRecords' && u.searchParams.get('set'))).toBe(true);
    for (const prefix of ['marcxml', 'rdf']) {
      const url = prefixes.find((u) => u.searchParams.get('metadataPrefix') === prefix) as URL;
      const page = (await get(`${url.pathname}${url.search}`, BROWSER)).body;
      expect(page, prefix).toMatch(/<pre class="source"><code>&lt;[\s\S]*Analytical Engine &amp;amp; &amp;lt;other&amp;gt; machines/);
      expect(page, prefix).not.toContain('<record');
    }
  });
});
