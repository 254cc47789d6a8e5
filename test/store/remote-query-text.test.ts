import { describe, expect, it } from 'vitest';
import { remoteQueryText } from '../../src/store/remote/rewrite.js';

const plain = { virtuoso: true, excludeDefault: [], excludeNamed: [], hideDefault: false };

describe('remoteQueryText', () => {
  it('gives a query without a BASE the endpoint as its base', () => {
    expect(remoteQueryText('SELECT * { ?s ?p <o> }', plain, 'http://libkg.test/sparql')).toBe('BASE <http://libkg.test/sparql>\nSELECT * { ?s ?p <o> }');
  });

  it('sends a query that declares an absolute BASE with that BASE only (Virtuoso refuses a second one)', () => {
    const q = '# comment\nPREFIX : <http://example/>\nBASE <http://example/q.rq>\nSELECT * { ?s ?p <o> }';
    expect(remoteQueryText(q, plain, 'http://libkg.test/sparql')).toBe(q);
  });

  it('still adds the endpoint base under a relative BASE, which resolves against it', () => {
    const q = 'BASE <sub/>\nSELECT * { ?s ?p <o> }';
    expect(remoteQueryText(q, plain, 'http://libkg.test/sparql')).toBe(`BASE <http://libkg.test/sparql>\n${q}`);
  });
});
