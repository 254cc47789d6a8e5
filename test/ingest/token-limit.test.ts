import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/rdf/parse.js';
import { TokenLimit } from '../../src/rdf/token-limit.js';

/** Passes `text` through the limit in chunks of `size` bytes; the bytes out, or the error. */
async function scan(text: string, max: number, size = 7): Promise<string> {
  const bytes = Buffer.from(text);
  const chunks = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: Buffer[] = [];
  for await (const c of Readable.from(chunks).pipe(new TokenLimit(max, 'text/turtle'))) out.push(c as Buffer);
  return Buffer.concat(out).toString();
}

describe('TokenLimit (the Turtle-family pre-scan before the N3 lexer)', () => {
  it('passes ordinary Turtle through unchanged, whatever the chunking', async () => {
    const ttl = `@prefix ex: <http://ex.org/> . # a comment\nex:a ex:p "short", 'single', """long\nwith "quotes" and \\""" inside""", ""^^ex:t, "x\\"y"@en ; ex:q <http://ex.org/b> .\n`;
    for (const size of [1, 3, 64]) expect(await scan(ttl, 50, size)).toBe(ttl);
  });

  it('counts a literal with spaces and newlines as one token', async () => {
    const words = 'many short words\n'.repeat(10);
    await expect(scan(`<a> <b> "${words}" .`, 100)).rejects.toThrow(/token .* longer than 100 bytes/);
    await expect(scan(`<a> <b> """${words}""" .`, 100)).rejects.toThrow(/longer than 100 bytes/);
    expect(await scan(`<a> <b> ${words.split(/\s/).join(' ')} .`, 100)).toContain('words');
  });

  it('refuses a long IRI, name or comment', async () => {
    for (const long of [`<http://ex.org/${'i'.repeat(200)}>`, `ex:${'n'.repeat(200)}`, `# ${'c'.repeat(200)}`])
      await expect(scan(`${long} <p> <o> .`, 100)).rejects.toThrow(/longer than 100 bytes/);
  });

  it('an escaped quote does not end a string early', async () => {
    await expect(scan(`<a> <b> "${'\\" '.repeat(50)}" .`, 100)).rejects.toThrow(/longer than 100 bytes/);
  });

  it('makes parseRdf fail with the limit, not a syntax error', async () => {
    const input = Readable.from([`<http://ex.org/a> <http://ex.org/p> "${'z'.repeat(5000)}" .`]);
    const parse = async () => {
      for await (const _ of parseRdf(input, 'application/n-triples', 'http://ex.org/', 1024));
    };
    await expect(parse()).rejects.toMatchObject({ code: 'IMPORT_LIMIT' });
  });
});
