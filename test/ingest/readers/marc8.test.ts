import { describe, expect, it } from 'vitest';
import { decodeMarc8, initialMarc8State, Marc8Error } from '../../../src/ingest/readers/marc8/decode.js';

/** Bytes from a template: \xNN escapes and ESC written as {ESC}. */
const m8 = (s: string) => Buffer.from(s.replaceAll('{ESC}', '\x1b'), 'latin1');
const decode = (s: string) => decodeMarc8(m8(s));

describe('MARC-8 decoder', () => {
  it('passes ASCII through', () => {
    expect(decode('Summerland / Michael Chabon.')).toBe('Summerland / Michael Chabon.');
  });

  it('moves ANSEL diacritics after their base letter and composes (NFC)', () => {
    expect(decode('\xa1\xe2od\xe2z')).toBe('Łódź');
    expect(decode('L\xe8owenbr\xe8au')).toBe('Löwenbräu');
    expect(decode('\xeaarbok')).toBe('årbok');
    // Two diacritics on one letter keep their order: dot below then macron on "a" gives ạ̄ (no precomposed form).
    expect(decode('\xf2\xe5a')).toBe('a\u0323\u0304'.normalize('NFC'));
    expect(decode('\xf2\xe5a')).toBe('\u1ea1\u0304');
  });

  it('writes ligature and double-tilde halves as U+0361 / U+0360 after the first letter (the UTF-8 oracle form)', () => {
    expect(decode('\xebt\xecs')).toBe('t\u0361s');
    expect(decode('\xfan\xfbg')).toBe('n\u0360g');
  });

  it('maps alif to U+02BC as LC and the UTF-8 oracle do', () => {
    expect(decode('Qur\xaean')).toBe('Qur\u02bcan');
  });

  it('maps the C1 non-sort and joiner controls', () => {
    expect(decode('\x88The \x89book')).toBe('\u0098The \u009cbook');
  });

  it('keeps spaces inside non-Latin G0 runs (Hebrew, Cyrillic, Greek)', () => {
    expect(decode('{ESC}(2yyy yyy{ESC}(B')).toBe('ששש ששש');
    expect(decode('{ESC}(NwOR, [PION I UBIJCA{ESC}(B')).toBe('Вор, шпион и убийца');
    expect(decode('{ESC}(Sabc def{ESC}(B')).toBe('αβϐ γδε');
  });

  it('reads EACC three-byte codes with spaces between them and ANSEL in G1', () => {
    // EACC 0x213021 is 一, 0x215D3E 金, 0x214C24 田; a high-bit byte between them is ANSEL (G1).
    expect(decode('{ESC}$1!0!{ESC}(B')).toBe('一');
    expect(decode('{ESC}$1!]>!L$!0! !0!{ESC}(B')).toBe('金田一 一');
    expect(decode('{ESC}$1!0!\xa1!0!{ESC}(B')).toBe('一Ł一');
  });

  it('accepts the escape forms of the LC specification', () => {
    expect(decode('{ESC}$,1!0!{ESC}(B')).toBe('一');
    expect(decode('{ESC},2y{ESC}s')).toBe('ש');
    // Cyrillic designated to G1: high-bit bytes.
    expect(decode('{ESC})N\xf7\xef\xf2{ESC})!E\xe2e')).toBe('ВОРé');
    // Technique 1: superscript, subscript and Greek symbol sets, ESC s back to ASCII.
    expect(decode('x{ESC}p2{ESC}s + H{ESC}b2{ESC}sO {ESC}ga{ESC}s')).toBe('x² + H₂O α');
  });

  it('carries designations across calls that share a state (the subfields of one field)', () => {
    const state = initialMarc8State();
    expect(decodeMarc8(m8('{ESC}(NmOSKWA :'), state)).toBe('Москва :');
    expect(decodeMarc8(m8('SMO,'), state)).toBe('смо,');
    expect(decodeMarc8(m8('SMO,'))).toBe('SMO,');
  });

  it('expands LC lossless NCRs', () => {
    expect(decode('&#x0E25;&#x0E38;&#x0E07;')).toBe('ลุง');
    expect(decode('AT&T &#xZZ;')).toBe('AT&T &#xZZ;');
  });

  it.each([
    ['{ESC}(Z', /unknown character set 0x5a/],
    ['{ESC}$(2', /unknown character set 0x32/],
    ['abc\xe2', /diacritic with no letter after it at byte 3/],
    ['{ESC}', /incomplete escape sequence at byte 0/],
    ['{ESC}z', /unknown escape sequence ESC z/],
    ['{ESC}( N', /unknown escape intermediate 0x20/],
    ['a\x07b', /control byte 0x07 at byte 1/],
    ['\x80', /undefined C1 byte 0x80/],
    ['{ESC}$1!0', /truncated EACC character/],
    ['{ESC}$1~~~', /undefined EACC code 0x7e7e7e/],
    ['{ESC}(S:', /byte 0x3a undefined in character set 0x53/],
    ['\xaf', /byte 0xaf undefined in character set 0x45/],
  ])('rejects %j', (input, message) => {
    expect(() => decode(input)).toThrow(Marc8Error);
    expect(() => decode(input)).toThrow(message);
  });
});
