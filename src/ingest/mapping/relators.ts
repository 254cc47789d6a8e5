/**
 * MARC relator terms -> codes (id.loc.gov/vocabulary/relators). Hand-written
 * because no npm package carries the list; only the common roles are here,
 * and a value that already is a code passes through.
 */
import { own } from '../../own.js';

const TERMS: Record<string, string> = {
  author: 'aut',
  'joint author': 'aut',
  editor: 'edt',
  'editor of compilation': 'edc',
  compiler: 'com',
  translator: 'trl',
  illustrator: 'ill',
  contributor: 'ctb',
  'author of introduction': 'aui',
  'writer of introduction': 'win',
  'writer of preface': 'wpr',
  'author of afterword': 'aft',
  composer: 'cmp',
  lyricist: 'lyr',
  librettist: 'lbt',
  performer: 'prf',
  singer: 'sng',
  conductor: 'cnd',
  narrator: 'nrt',
  director: 'drt',
  'film director': 'fmd',
  producer: 'pro',
  photographer: 'pht',
  artist: 'art',
  designer: 'dsr',
  publisher: 'pbl',
  printer: 'prt',
  'degree granting institution': 'dgg',
  'issuing body': 'isb',
  sponsor: 'spn',
  'thesis advisor': 'ths',
  interviewer: 'ivr',
  interviewee: 'ive',
  creator: 'cre',
  honouree: 'hnr',
  honoree: 'hnr',
  'former owner': 'fmo',
  annotator: 'ann',
  commentator: 'cmm',
  'commentator for written text': 'cwt',
  'writer of added commentary': 'wac',
  screenwriter: 'aus',
  adapter: 'adp',
  arranger: 'arr',
  cartographer: 'ctg',
  dedicatee: 'dte',
  'host institution': 'his',
  inventor: 'inv',
  researcher: 'res',
  organizer: 'orm',
  organiser: 'orm',
  funder: 'fnd',
  'patent holder': 'pth',
  'patent applicant': 'pta',
  praeses: 'pra',
  respondent: 'rsp',
  transcriber: 'trc',
  'editor of moving image work': 'edm',
  'voice actor': 'vac',
  actor: 'act',
  'on-screen presenter': 'osp',
  'copyright holder': 'cph',
  distributor: 'dst',
  manufacturer: 'mfr',
  'creator of work': 'cre',
};
const CODES = new Set(Object.values(TERMS).concat(['aut', 'edt', 'oth']));

export function relatorCode(value: string): string | undefined {
  const v = value
    .trim()
    .replace(/[.,;:]+$/, '')
    .toLowerCase();
  if (CODES.has(v)) return v;
  if (/^[a-z]{3}$/.test(v)) return v;
  return own(TERMS, v);
}
