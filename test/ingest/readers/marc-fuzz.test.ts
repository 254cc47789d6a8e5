import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MarcRecord } from '@natlibfi/marc-record';
import { describe, expect, it } from 'vitest';
import { iso2709Reader } from '../../../src/ingest/readers/marc-iso2709.js';
import { marcxmlReader } from '../../../src/ingest/readers/marcxml.js';
import type { Reader } from '../../../src/ingest/types.js';
import { prng } from '../../helpers/prng.js';
import { assertWellFormed, CATALOG, collect, dataOf, readRaw } from './marc-read-helpers.js';

const INTERESTING = [0x1d, 0x1e, 0x1f, 0x1b, 0x20, 0x00, 0x24, 0x28, 0x31, 0x3c, 0x3e, 0x26, 0x80, 0x88, 0xc3, 0xe2, 0xeb, 0xff];

function mutate(base: Buffer, rand: () => number): Buffer {
  let b = Buffer.from(base);
  const pick = (n: number) => Math.floor(rand() * n);
  for (let m = 1 + pick(6); m > 0; m--) {
    const at = pick(b.length);
    switch (pick(5)) {
      case 0:
        b[at] = pick(256);
        break;
      case 1:
        b[at] = INTERESTING[pick(INTERESTING.length)]!;
        break;
      case 2:
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + pick(40)))]);
        break;
      case 3:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + 1 + pick(40)), b.subarray(at)]);
        break;
      default:
        b = b.subarray(0, Math.max(1, at));
    }
  }
  return b;
}

function chunks(b: Buffer, rand: () => number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; ) {
    const n = 1 + Math.floor(rand() * 600);
    out.push(b.subarray(i, i + n));
    i += n;
  }
  return out;
}

async function fuzz(reader: Reader, base: Buffer, seed: number, iterations: number) {
  const rand = prng(seed);
  let records = 0;
  let failures = 0;
  const problems: string[] = [];
  for (let i = 0; i < iterations; i++) {
    const input = mutate(base, rand);
    // Never throws out of the iterator, whatever the bytes (a throw fails the test here).
    const result = await collect(reader, Readable.from(chunks(input, rand)));
    let last = 0;
    for (const item of result.items) {
      const index = 'record' in item ? item.record.index : item.failure.index;
      if (!(index > last)) problems.push(`iteration ${i}: index ${index} after ${last}`);
      last = index;
      if ('failure' in item) {
        if (!item.failure.reason) problems.push(`iteration ${i}: failure without a reason`);
        failures++;
        continue;
      }
      const bad = assertWellFormed(item.record);
      if (bad) problems.push(`iteration ${i}: ${bad}`);
      // @natlibfi/marc-record's schema as a second opinion.
      try {
        new MarcRecord(dataOf(item.record), { controlFieldValues: false });
      } catch (e) {
        problems.push(`iteration ${i}: ${(e as Error).message}`);
      }
      records++;
    }
  }
  expect(problems).toEqual([]);
  // The mutations leave some records intact and break others: both paths ran.
  expect(records).toBeGreaterThan(0);
  expect(failures).toBeGreaterThan(0);
}

describe('MARC readers under random byte mutations', () => {
  it('ISO 2709, UTF-8 records (Chabon): never throws, every record well-formed', async () => {
    await fuzz(iso2709Reader, readRaw(join(CATALOG, 'marc4j-chabon.mrc')), 1, 200);
  });

  it('ISO 2709, MARC-8 records (brkrtest 1-2 and the EACC record cjk1): never throws, every record well-formed', async () => {
    const brkr = readRaw(join(CATALOG, 'marc4j-brkrtest.mrc'));
    const two = brkr.subarray(0, brkr.indexOf(0x1d, brkr.indexOf(0x1d) + 1) + 1);
    await fuzz(iso2709Reader, Buffer.concat([two, readRaw(join(CATALOG, 'marc-perl-cjk1.marc'))]), 2, 200);
  });

  it('MARCXML (Chabon): never throws, every record well-formed', async () => {
    await fuzz(marcxmlReader, readRaw(join(CATALOG, 'marc4j-chabon.xml')), 3, 200);
  });
});
