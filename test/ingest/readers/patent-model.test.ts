import { describe, expect, it } from 'vitest';
import { expandEntity } from '../../../src/ingest/readers/patent-entities.js';
import { parseEpCitation } from '../../../src/ingest/readers/patent-ep.js';
import { classificationSymbol, findDoi, isoDate, normalizePatentNumber } from '../../../src/ingest/readers/patent-model.js';

// Inputs are strings as they appear in /work/shared/data/patents (fixtures/patents).

describe('patent normalisers', () => {
  it('turns YYYYMMDD into ISO dates of the precision given', () => {
    expect(isoDate('20150106')).toBe('2015-01-06');
    expect(isoDate('20101100')).toBe('2010-11');
    expect(isoDate('19950000')).toBe('1995');
    expect(isoDate('2015')).toBeUndefined();
  });

  it('gives one number form for a document whichever format names it', () => {
    expect(normalizePatentNumber('US', '06336130')).toBe('6336130');
    expect(normalizePatentNumber('US', 'D0435854')).toBe('D435854');
    expect(normalizePatentNumber('US', 'D. 271298')).toBe('D271298');
    expect(normalizePatentNumber('US', '2007/0140112')).toBe('20070140112');
    // EPO search reports print US pre-grant publications with a 6-digit serial.
    expect(normalizePatentNumber('US', '2008 197 955')).toBe('20080197955');
    expect(normalizePatentNumber('EP', '0 460 575')).toBe('0460575');
    expect(normalizePatentNumber('EP', '874807')).toBe('0874807');
    expect(normalizePatentNumber('WO', '96/25012')).toBe('9625012');
    expect(normalizePatentNumber('WO', 'WO 89/02682')).toBe('8902682');
    expect(normalizePatentNumber('KR', '10-2004-0032451')).toBe('1020040032451');
    expect(normalizePatentNumber('US', 'RE42027')).toBe('RE42027');
  });

  it('reads IPC/CPC symbols in every printed form', () => {
    expect(classificationSymbol('G06F015/00')).toBe('G06F 15/00'); // ICE 2004, PAP
    expect(classificationSymbol('B60R   7/06        20060101AFI20191025BHEP        ')).toBe('B60R 7/06'); // EP ipcr
    expect(classificationSymbol(' 7C 07C  29/44   A')).toBe('C07C 29/44'); // EP v1.0, edition first
    expect(classificationSymbol('G06F 1516')).toBe('G06F 15/16'); // ST.32 packed
    expect(classificationSymbol('B32B  302')).toBe('B32B 3/02');
    expect(classificationSymbol('1402')).toBeUndefined(); // Locarno design class
  });

  it('parses EPO search-report citations', () => {
    expect(parseEpCitation('EP-A1- 3 109 871')).toEqual({ country: 'EP', number: '3109871', kind: 'A1', key: 'EP3109871A1' });
    expect(parseEpCitation('WO-A-95/34526')?.key).toBe('WO9534526A');
    expect(parseEpCitation('US-A1- 2008 197 955')?.key).toBe('US20080197955A1');
    expect(parseEpCitation('FR-E- 84 247')?.key).toBe('FR84247E');
  });

  it('finds a DOI in citation text', () => {
    expect(findDoi('Smith, Nature 2001, doi:10.1038/35057062.')).toBe('10.1038/35057062');
    expect(findDoi('IEEE Transactions on Nuclear Science, vol. 50, No. 4, 2002, p. 936-941.')).toBeUndefined();
  });

  it('expands HTML and ISO Greek entity names', () => {
    expect(expandEntity('ldquo')).toBe('“');
    expect(expandEntity('lsqb')).toBe('[');
    expect(expandEntity('agr')).toBe('α');
    expect(expandEntity('PHgr')).toBe('Φ');
    expect(expandEntity('ohgr')).toBe('ω');
    expect(expandEntity('notanentity')).toBeUndefined();
  });
});
