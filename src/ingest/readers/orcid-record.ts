/**
 * Normalises an ORCID v3.0 record (or a section of one: person, works,
 * employments, a single work, a bulk works file) into one plain shape. ORCID
 * XML, once namespace prefixes are dropped, has the element names of ORCID
 * JSON, so one walk serves both; `text()` hides XML text vs JSON `{ value }`.
 */
import { slug } from '../identity/mint.js';
import { cleanIssn } from '../usage/item-key.js';
import { arr, attr, child, compact, doiOf, type OrgIds, orcidOf, orgIdOf, orgKey, personKey, text } from './orcid-datacite-common.js';

export interface OrcidOrganisation extends OrgIds {
  key?: string;
  name?: string;
  city?: string;
  region?: string;
  country?: string;
}

export interface OrcidAffiliation {
  /** employment, education, qualification, invited-position, distinction, membership, service */
  kind: string;
  organisation: OrcidOrganisation;
  department?: string;
  role?: string;
  startDate?: string;
  endDate?: string;
}

export interface OrcidExternalId {
  /** Normalised scheme: scopus, researcherid, isni, viaf, gnd, loop, … or a slug of the ORCID type. */
  scheme: string;
  type: string;
  value: string;
  url?: string;
}

export interface OrcidContributor {
  name?: string;
  orcid?: string;
  key?: string;
  role?: string;
  sequence?: string;
}

export interface OrcidWork {
  putCode?: string;
  title?: string;
  subtitle?: string;
  translatedTitle?: { title: string; lang?: string };
  journalTitle?: string;
  type?: string;
  year?: string;
  date?: string;
  /** Normalised DOI of the work itself (relationship self): its IRI is the shared DOI IRI. */
  doi?: string;
  /** DOIs of other versions of the work (relationship version-of), e.g. the published article. */
  versionOfDois: string[];
  /** Work key for `{base}id/work/{key}` when the work has no DOI of its own. */
  key?: string;
  url?: string;
  externalIds: { type: string; value: string; relationship?: string; url?: string }[];
  /** The work's own identifiers other than its DOI (relationship self), as `type:value` (`arxiv:1234.5678`). */
  ownIds: string[];
  /** ISSN of the journal the work is part of (external id `issn`, relationship part-of). */
  partOfIssn?: string;
  contributors: OrcidContributor[];
}

/** The normalised record: `data` of an ORCID SourceRecord. */
export interface OrcidPerson {
  /** ORCID iD of the record's owner; absent for bulk works files, which name no owner. */
  orcid?: string;
  orcidUri?: string;
  /** Person key (`orcid-…`) for `{base}id/person/{key}`. */
  key?: string;
  name?: string;
  givenNames?: string;
  familyName?: string;
  creditName?: string;
  otherNames: string[];
  biography?: string;
  keywords: string[];
  countries: string[];
  researcherUrls: { name?: string; url: string }[];
  externalIds: OrcidExternalId[];
  affiliations: OrcidAffiliation[];
  works: OrcidWork[];
}

const unique = (values: string[]) => [...new Set(values)];

const AFFILIATION_KINDS = ['employment', 'education', 'qualification', 'invited-position', 'distinction', 'membership', 'service'];

/** ORCID's free-text external identifier types, folded onto scheme codes. */
function schemeOf(type: string): string {
  const t = type.toLowerCase();
  if (t.includes('scopus')) return 'scopus';
  if (/researcher ?id|publons|web of science/.test(t)) return 'researcherid';
  if (t.includes('isni')) return 'isni';
  if (t.includes('viaf')) return 'viaf';
  if (/\bgnd\b/.test(t)) return 'gnd';
  if (t.includes('loop')) return 'loop';
  if (t.includes('google scholar')) return 'google-scholar';
  return slug(type);
}

function fuzzyDate(d: unknown): string | undefined {
  const y = text(child(d, 'year'));
  if (!y) return undefined;
  const m = text(child(d, 'month'));
  const day = text(child(d, 'day'));
  return [y, m, m && day ? day : undefined].filter(Boolean).join('-');
}

function externalIds(v: unknown) {
  return arr(child(v, 'external-ids', 'external-id')).flatMap((e) => {
    const type = text(child(e, 'external-id-type'));
    const value = text(child(e, 'external-id-value'));
    if (!type || !value) return [];
    return [compact({ type, value, relationship: text(child(e, 'external-id-relationship')), url: text(child(e, 'external-id-url')) })];
  });
}

function organisation(v: unknown): OrcidOrganisation {
  const name = text(child(v, 'name'));
  const dis = child(v, 'disambiguated-organization');
  const ids = orgIdOf(text(child(dis, 'disambiguation-source')), text(child(dis, 'disambiguated-organization-identifier')));
  return compact({
    key: orgKey(ids, name),
    name,
    ...ids,
    city: text(child(v, 'address', 'city')),
    region: text(child(v, 'address', 'region')),
    country: text(child(v, 'address', 'country')),
  });
}

function affiliation(kind: string, s: unknown): OrcidAffiliation {
  return compact({
    kind,
    organisation: organisation(child(s, 'organization')),
    department: text(child(s, 'department-name')),
    role: text(child(s, 'role-title')),
    startDate: fuzzyDate(child(s, 'start-date')),
    endDate: fuzzyDate(child(s, 'end-date')),
  });
}

/** Affiliation summaries of one section (`employments`): JSON nests them in `summaries`, XML does not. */
function affiliationsOf(kind: string, section: unknown): OrcidAffiliation[] {
  const summaryName = `${kind}-summary`;
  const direct = arr(child(section, summaryName));
  const grouped = arr(child(section, 'affiliation-group')).flatMap((g) => [
    ...arr(child(g, summaryName)),
    ...arr(child(g, 'summaries')).flatMap((s) => arr(child(s, summaryName))),
  ]);
  return [...direct, ...grouped].map((s) => affiliation(kind, s));
}

function contributor(c: unknown): OrcidContributor {
  const orcid = orcidOf(text(child(c, 'contributor-orcid', 'path')) ?? text(child(c, 'contributor-orcid', 'uri')));
  const name = text(child(c, 'credit-name'));
  return compact({
    name,
    orcid,
    key: personKey(orcid, name),
    role: text(child(c, 'contributor-attributes', 'contributor-role')),
    sequence: text(child(c, 'contributor-attributes', 'contributor-sequence')),
  });
}

const doisWith = (ids: { type: string; value: string; relationship?: string }[], relationship: string) =>
  ids.flatMap((e) => (e.type.toLowerCase() === 'doi' && (e.relationship ?? 'self') === relationship ? (doiOf(e.value) ?? []) : []));

/** A work summary or full work; `owner` (the record's ORCID iD) keys works that have no DOI. */
export function orcidWork(w: unknown, owner?: string): OrcidWork {
  const ids = externalIds(w);
  const doi = doisWith(ids, 'self')[0];
  const putCode = attr(w, 'put-code');
  const translated = child(w, 'title', 'translated-title');
  const translatedTitle = text(translated);
  const title = text(child(w, 'title', 'title'));
  return compact({
    putCode,
    title,
    subtitle: text(child(w, 'title', 'subtitle')),
    translatedTitle: translatedTitle ? compact({ title: translatedTitle, lang: attr(translated, 'language-code') }) : undefined,
    journalTitle: text(child(w, 'journal-title')),
    type: text(child(w, 'type')),
    year: text(child(w, 'publication-date', 'year')),
    date: fuzzyDate(child(w, 'publication-date')),
    doi,
    versionOfDois: doisWith(ids, 'version-of'),
    key: doi ? undefined : owner && putCode ? `orcid-${owner}-${putCode}` : title ? `title-${slug(title)}` : undefined,
    url: text(child(w, 'url')),
    externalIds: ids,
    ownIds: ids.filter((e) => (e.relationship ?? 'self') === 'self' && e.type.toLowerCase() !== 'doi').map((e) => `${e.type.toLowerCase()}:${e.value}`),
    partOfIssn: ids.flatMap((e) => (e.type.toLowerCase() === 'issn' && e.relationship === 'part-of' ? (cleanIssn(e.value) ?? []) : []))[0],
    contributors: arr(child(w, 'contributors', 'contributor')).map(contributor),
  });
}

/** Works of a `works` section: grouped summaries (XML and JSON) or bulk `{ work }` items. */
function worksOf(section: unknown, owner: string | undefined): OrcidWork[] {
  return [...arr(child(section, 'group')).flatMap((g) => arr(child(g, 'work-summary'))), ...arr(child(section, 'work-summary'))].map((w) =>
    orcidWork(w, owner),
  );
}

/** The owner's iD: `orcid-identifier/path`, else the `/0000-…/section` path attribute of the root. */
export function ownerOrcid(root: unknown): string | undefined {
  const id = text(child(root, 'orcid-identifier', 'path')) ?? text(child(root, 'orcid-identifier', 'uri'));
  if (id) return orcidOf(id);
  const path = attr(root, 'path');
  return path ? orcidOf(path.split('/').find((p) => p.trim() !== '')) : undefined;
}

/**
 * Normalises a record-like root: `record`, `person`, `activities-summary`,
 * a section (`works`, `employments`, …), a single `work`, or a bulk works list.
 * `rootName` is the XML root element (absent for JSON, where the keys tell).
 */
export function normaliseOrcid(root: unknown, rootName?: string): OrcidPerson {
  const isRecord = rootName === 'record' || (!rootName && child(root, 'person') !== undefined);
  const person = rootName === 'person' ? root : child(root, 'person');
  const activities = isRecord ? child(root, 'activities-summary') : rootName === 'activities-summary' ? root : undefined;
  const sectionOf = (plural: string) => (activities ? child(activities, plural) : rootName === plural ? root : undefined);

  const orcid = ownerOrcid(root) ?? (person ? ownerOrcid(person) : undefined);
  const name = child(person, 'name');
  const givenNames = text(child(name, 'given-names'));
  const familyName = text(child(name, 'family-name'));
  const creditName = text(child(name, 'credit-name'));

  const affiliations = AFFILIATION_KINDS.flatMap((k) => affiliationsOf(k, sectionOf(`${k}s`)));
  let works = worksOf(sectionOf('works'), orcid);
  if (rootName === 'work') works = [orcidWork(root, orcid)];
  const bulk = child(root, 'bulk');
  if (bulk)
    works = arr(bulk)
      .flatMap((b) => arr(child(b, 'work')))
      .map((w) => orcidWork(w, orcid));

  return compact({
    orcid,
    orcidUri: orcid ? `https://orcid.org/${orcid}` : undefined,
    key: orcid ? personKey(orcid, undefined) : undefined,
    name: creditName ?? ([givenNames, familyName].filter(Boolean).join(' ') || undefined),
    givenNames,
    familyName,
    creditName,
    otherNames: unique(arr(child(person, 'other-names', 'other-name')).flatMap((o) => text(child(o, 'content')) ?? [])),
    biography: text(child(person, 'biography', 'content')),
    keywords: unique(arr(child(person, 'keywords', 'keyword')).flatMap((o) => text(child(o, 'content')) ?? [])),
    countries: unique(arr(child(person, 'addresses', 'address')).flatMap((o) => text(child(o, 'country')) ?? [])),
    researcherUrls: arr(child(person, 'researcher-urls', 'researcher-url')).flatMap((o) => {
      const url = text(child(o, 'url'));
      return url ? [compact({ name: text(child(o, 'url-name')), url })] : [];
    }),
    externalIds: arr(child(person, 'external-identifiers', 'external-identifier')).flatMap((e) => {
      const type = text(child(e, 'external-id-type'));
      const value = text(child(e, 'external-id-value'));
      return type && value ? [compact({ scheme: schemeOf(type), type, value, url: text(child(e, 'external-id-url')) })] : [];
    }),
    affiliations,
    works,
  });
}
