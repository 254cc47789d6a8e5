import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFormBody } from '../../src/http/kit/form-body.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('form bodies are read strictly', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const post = (payload: string | Buffer) =>
    s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded', ...s.auth }, payload });

  it('decodes +, escapes, UTF-8 and repeated names', () => {
    expect(parseFormBody(Buffer.from('a=x+y%20z&b=%C3%A9&b=2&c&=v'))).toEqual({ a: 'x y z', b: ['é', '2'], c: '', '': 'v' });
  });

  it('a malformed %XX in an update is 400 INVALID_ENCODING naming the parameter, and nothing is written', async () => {
    const r = await post(`update=${encodeURIComponent('INSERT DATA { <urn:x:a> <urn:x:p> "')}%ZZ${encodeURIComponent('" }')}`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INVALID_ENCODING' });
    expect(r.json().detail).toContain('"update"');
    const ask = await post(`query=${encodeURIComponent('ASK { <urn:x:a> ?p ?o }')}`);
    expect(ask.json().boolean).toBe(false);
  });

  it('escapes that decode to bytes that are not UTF-8 are 400 INVALID_ENCODING', async () => {
    const r = await post(`query=${encodeURIComponent('SELECT * WHERE { ?s ?p "')}%E9${encodeURIComponent('" }')}`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INVALID_ENCODING' });
  });

  it('raw bytes that are not UTF-8 are 400 INVALID_ENCODING with their offset', async () => {
    const body = Buffer.concat([Buffer.from('query=ASK%7B%7D'), Buffer.from([0xff])]);
    const r = await post(body);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INVALID_ENCODING', offset: 15 });
  });

  it('a well-formed form query still answers', async () => {
    const r = await post(`query=${encodeURIComponent('ASK { FILTER("é" = "\\u00E9") }')}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().boolean).toBe(true);
  });
});
