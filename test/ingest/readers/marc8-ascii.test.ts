import { describe, expect, it } from 'vitest';
import { decodeMarc8, decodeMarc8Ascii, initialMarc8State } from '../../../src/ingest/readers/marc8/decode.js';

describe('MARC-8 printable-ASCII fast path', () => {
  it('gives what the full decoder gives, NCRs included', () => {
    for (const text of ['Hollywood : Paramount, 1954.', 'Tokyo &#x6771;&#x4EAC; [sic]', 'broken &#xZZ; ncr', 'e&#x0301;']) {
      expect(decodeMarc8Ascii(text, initialMarc8State())).toBe(decodeMarc8(Buffer.from(text, 'latin1'), initialMarc8State()));
    }
    expect(decodeMarc8Ascii('e&#x0301;', initialMarc8State())).toBe('é');
  });

  it('steps aside when another set is in G0 (the bytes mean other characters there)', () => {
    expect(decodeMarc8Ascii('abc', { ...initialMarc8State(), g0: 0x4e })).toBeUndefined();
  });
});
