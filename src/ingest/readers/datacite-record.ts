/**
 * Normalises DataCite metadata (XML kernel 3/4, or DataCite JSON as served by
 * the REST API and bolognese) into one plain shape for the `datacite` mapping.
 * XML trees (`@attr`, `#text`) and JSON objects are read by the same walk:
 * `list()` knows both `<creators><creator/>` and `"creators": [ ]`, `field()`
 * both `@schemeURI` and `schemeUri`.
 */
import { percentEncodePath } from '../../rdf/iri.js';
import { slug } from '../identity/mint.js';
import { arr, child, compact, doiOf, type OrgIds, orcidOf, orgIdOf, orgKey, personKey, text } from './orcid-datacite-common.js';

export interface DataciteAffiliation extends OrgIds {
  name?: string;
  key?: string;
  /** `org/{key}`: the path of its IRI under `{base}id/`. */
  ref?: string;
}

export interface DataciteAgent extends OrgIds {
  name: string;
  nameType?: string;
  givenName?: string;
  familyName?: string;
  orcid?: string;
  /** Person key (`orcid-…`, `name-…`) or, for organisations, org key (`ror-…`, `name-…`). */
  key?: string;
  /** `person/{key}` or `org/{key}`: the path of its IRI under `{base}id/`. */
  ref?: string;
  kind: 'person' | 'org';
  nameIdentifiers: { scheme?: string; value: string }[];
  affiliations: DataciteAffiliation[];
  /** Contributors only: DataCite contributorType (ContactPerson, Editor, …). */
  contributorType?: string;
}

export interface DataciteFunding extends OrgIds {
  funderName?: string;
  funderIdentifier?: string;
  funderIdentifierType?: string;
  /** Org key of the funder, and `org/{key}`. */
  funderKey?: string;
  funderRef?: string;
  awardNumber?: string;
  awardUri?: string;
  awardTitle?: string;
}

export interface DataciteRelated {
  relationType: string;
  identifier: string;
  identifierType?: string;
  resourceTypeGeneral?: string;
  /** Normalised DOI when the target is a DOI: it then meets catalog and DataCite records. */
  doi?: string;
  /** A resolvable IRI for non-DOI targets (URL, Handle, arXiv, PMID, ISBN URN…). */
  iri?: string;
}

/** The normalised record: `data` of a DataCite SourceRecord. */
export interface DataciteDataset {
  doi: string;
  doiUrl: string;
  /** `kernel-4`, `kernel-3`, from the XML namespace or JSON schemaVersion. */
  schemaVersion?: string;
  title?: string;
  /** `main` marks titles without a titleType (the title proper). */
  titles: { title: string; lang?: string; type?: string; main?: boolean }[];
  creators: DataciteAgent[];
  contributors: DataciteAgent[];
  publisher?: { name: string; lang?: string; identifier?: string; key?: string; ref?: string } & OrgIds;
  publicationYear?: string;
  resourceTypeGeneral?: string;
  resourceType?: string;
  /** `key` is the concept key of docs/iri-patterns.md: `{vocabulary}-{slug(label)}`, vocabulary `keyword` when unnamed. */
  subjects: { subject: string; key: string; scheme?: string; schemeUri?: string; valueUri?: string; classificationCode?: string; lang?: string }[];
  fundingReferences: DataciteFunding[];
  relatedIdentifiers: DataciteRelated[];
  /** `kind`: `access` for info:eu-repo access-rights terms, else `license`. */
  rights: { name?: string; uri?: string; identifier?: string; scheme?: string; lang?: string; kind: 'license' | 'access' }[];
  descriptions: { description: string; type?: string; lang?: string }[];
  dates: { date: string; type?: string; information?: string }[];
  language?: string;
  version?: string;
  formats: string[];
  sizes: string[];
  alternateIdentifiers: { identifier: string; type?: string }[];
  geoLocationPlaces: string[];
}

/** The first present of several names, as XML attribute, XML child or JSON property. */
function field(o: unknown, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = text(child(o, `@${n}`)) ?? text(child(o, n));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** `<plural><singular/>…</plural>` (XML) or `"plural": [ ]` (JSON) as a list. */
function list(o: unknown, plural: string, singular: string): unknown[] {
  const v = child(o, plural);
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') return arr(child(v, singular));
  return [];
}

/** Text of an element that may hold mixed content (`<br/>` in descriptions) or a plain string. */
const content = (v: unknown, jsonName: string) => (typeof v === 'string' ? text(v) : (text(child(v, '#text')) ?? text(child(v, jsonName))));

/** The lang of a value: `xml:lang` becomes `@lang` once prefixes are dropped; JSON says `lang`. */
const lang = (v: unknown) => field(v, 'lang');

function affiliation(a: unknown): DataciteAffiliation {
  const name = typeof a === 'string' ? text(a) : (text(child(a, '#text')) ?? text(child(a, 'name')));
  const ids = orgIdOf(field(a, 'affiliationIdentifierScheme'), field(a, 'affiliationIdentifier'));
  const key = orgKey(ids, name);
  return compact({ name, ...ids, key, ref: key ? `org/${key}` : undefined });
}

function agent(a: unknown, role: 'creator' | 'contributor'): DataciteAgent | undefined {
  const nameEl = child(a, `${role}Name`);
  const name = text(nameEl) ?? text(child(a, 'name'));
  if (!name) return undefined;
  const nameIdentifiers = [...arr(child(a, 'nameIdentifier')), ...(Array.isArray(child(a, 'nameIdentifiers')) ? arr(child(a, 'nameIdentifiers')) : [])].flatMap(
    (n) => {
      const value = typeof n === 'string' ? text(n) : (text(child(n, '#text')) ?? text(child(n, 'nameIdentifier')));
      return value ? [compact({ scheme: field(n, 'nameIdentifierScheme'), value })] : [];
    },
  );
  // bolognese JSON gives the ORCID as the agent's `id`.
  const id = text(child(a, 'id'));
  if (id && /orcid\.org/i.test(id)) nameIdentifiers.push({ scheme: 'ORCID', value: id });
  const orcid = nameIdentifiers.map((n) => (n.scheme?.toUpperCase() === 'ORCID' || /orcid\.org/i.test(n.value) ? orcidOf(n.value) : undefined)).find(Boolean);
  const nameType = field(nameEl, 'nameType') ?? field(a, 'nameType') ?? (text(child(a, 'type')) === 'Person' ? 'Personal' : undefined);
  // The first identifier of each organisation scheme wins.
  const orgIds: OrgIds = Object.assign({}, ...nameIdentifiers.map((n) => orgIdOf(n.scheme, n.value)).reverse());
  // Without a nameType: an organisation if it has an org id, or no ORCID, name parts or "Family, Given" form.
  const givenName = field(a, 'givenName');
  const familyName = field(a, 'familyName');
  const isOrg =
    nameType === 'Organizational' ||
    (nameType !== 'Personal' && !orcid && (Object.keys(orgIds).length > 0 || (!givenName && !familyName && !name.includes(','))));
  const key = isOrg ? orgKey(orgIds, name) : personKey(orcid, name);
  return compact({
    name,
    nameType,
    givenName,
    familyName,
    orcid,
    ...(isOrg ? orgIds : {}),
    key,
    ref: key ? `${isOrg ? 'org' : 'person'}/${key}` : undefined,
    kind: isOrg ? ('org' as const) : ('person' as const),
    nameIdentifiers,
    affiliations: arr(child(a, 'affiliation')).map(affiliation),
    contributorType: role === 'contributor' ? field(a, 'contributorType') : undefined,
  });
}

/** A resolvable IRI for related identifiers of common types. */
function relatedIri(type: string | undefined, id: string): string | undefined {
  switch ((type ?? '').toLowerCase()) {
    case 'url':
    case 'purl':
    case 'w3id':
    case 'raid':
      return /^https?:\/\//i.test(id) ? id : undefined;
    case 'handle':
      return `https://hdl.handle.net/${id.replace(/^https?:\/\/hdl\.handle\.net\//i, '')}`;
    case 'arxiv':
      return `https://arxiv.org/abs/${id.replace(/^arxiv:/i, '')}`;
    case 'pmid':
      return `https://pubmed.ncbi.nlm.nih.gov/${id}`;
    case 'ark':
      return `https://n2t.net/${id.replace(/^https?:\/\/[^/]+\//, '')}`;
    case 'urn':
    case 'lsid':
      return id.toLowerCase().startsWith('urn:') ? id : undefined;
    case 'isbn':
      return `urn:isbn:${id.replace(/[^\dXx]/g, '').toUpperCase()}`;
    case 'issn':
    case 'eissn':
    case 'lissn':
      return `urn:issn:${id.trim().toUpperCase()}`;
    default:
      return undefined;
  }
}

function funding(f: unknown): DataciteFunding {
  const funderIdEl = child(f, 'funderIdentifier');
  const funderIdentifier = typeof funderIdEl === 'string' ? text(funderIdEl) : text(child(funderIdEl, '#text'));
  const funderIdentifierType = field(funderIdEl, 'funderIdentifierType') ?? field(f, 'funderIdentifierType');
  const ids = orgIdOf(funderIdentifierType, funderIdentifier);
  const funderName = field(f, 'funderName');
  const award = child(f, 'awardNumber');
  const funderKey = orgKey(ids, funderName);
  return compact({
    funderName,
    funderIdentifier,
    funderIdentifierType,
    ...ids,
    funderKey,
    funderRef: funderKey ? `org/${funderKey}` : undefined,
    awardNumber: typeof award === 'string' ? text(award) : text(child(award, '#text')),
    awardUri: field(award, 'awardURI') ?? field(f, 'awardUri', 'awardURI'),
    awardTitle: field(f, 'awardTitle'),
  });
}

/** Kernel 3 names funders as contributors of type Funder; kernel 4 has fundingReferences. */
function kernel3Funders(contributors: DataciteAgent[]): DataciteFunding[] {
  return contributors
    .filter((c) => c.contributorType === 'Funder')
    .map((c) => {
      const n = c.nameIdentifiers[0];
      const ids = orgIdOf(n?.scheme, n?.value);
      const funderKey = orgKey(ids, c.name);
      const funderRef = funderKey ? `org/${funderKey}` : undefined;
      return compact({ funderName: c.name, funderIdentifier: n?.value, funderIdentifierType: n?.scheme, ...ids, funderKey, funderRef });
    });
}

function identifierOf(o: unknown): string | undefined {
  const el = child(o, 'identifier');
  const xmlId = el && typeof el === 'object' ? text(child(el, '#text')) : text(el);
  const fromList = list(o, 'identifiers', 'identifier')
    .filter((i) => field(i, 'identifierType') === 'DOI')
    .map((i) => field(i, 'identifier'))[0];
  return field(o, 'doi') ?? xmlId ?? fromList ?? text(child(o, 'id'));
}

/** Mandatory DataCite properties (kernel 4, §"Mandatory"): what is missing or broken, as reasons. */
export function dataciteProblems(o: unknown, d: Partial<DataciteDataset>): string[] {
  const problems: string[] = [];
  if (!d.doi) problems.push(`identifier missing or not a DOI (${identifierOf(o) ?? 'none'})`);
  // U+FFFD is what the reader made of bytes that are not UTF-8: the DOI they spelled is lost.
  else if (d.doi.includes('\ufffd')) problems.push(`the DOI "${d.doi}" holds bytes that are not valid UTF-8 (shown as U+FFFD)`);
  const creators = list(o, 'creators', 'creator');
  if (creators.length === 0) problems.push('no creator (at least one is mandatory)');
  creators.forEach((c, i) => {
    const names = arr(child(c, 'creatorName')).length || (text(child(c, 'name')) ? 1 : 0);
    if (names === 0) problems.push(`creator ${i + 1} has no name`);
    if (names > 1) problems.push(`creator ${i + 1} packs ${names} creatorName elements into one creator`);
  });
  if (!d.titles?.length) problems.push('no title');
  if (!d.publisher?.name) problems.push('publisher is missing or empty');
  if (!d.publicationYear) problems.push('publicationYear is missing');
  else if (!/^\d{4}$/.test(d.publicationYear)) problems.push(`publicationYear "${d.publicationYear}" is not a year`);
  if (!d.resourceTypeGeneral) problems.push('resourceType/@resourceTypeGeneral is missing');
  return problems;
}

/** Normalises a DataCite `resource` element tree or DataCite JSON object. */
export function normaliseDatacite(o: unknown, schemaVersion?: string): DataciteDataset {
  const doi = doiOf(identifierOf(o)) ?? '';
  const titles = list(o, 'titles', 'title').flatMap((t) => {
    const title = content(t, 'title');
    const type = field(t, 'titleType');
    return title ? [compact({ title, lang: lang(t), type, main: type ? undefined : true })] : [];
  });
  const creators = list(o, 'creators', 'creator').flatMap((c) => agent(c, 'creator') ?? []);
  const contributors = list(o, 'contributors', 'contributor').flatMap((c) => agent(c, 'contributor') ?? []);
  const pub = child(o, 'publisher');
  const publisherName = typeof pub === 'string' ? text(pub) : (text(child(pub, '#text')) ?? text(child(pub, 'name')));
  const publisherIds = orgIdOf(field(pub, 'publisherIdentifierScheme'), field(pub, 'publisherIdentifier'));
  const publisherKey = publisherName ? orgKey(publisherIds, publisherName) : undefined;
  const types = child(o, 'types');
  const rt = child(o, 'resourceType');
  const fundingReferences = [...list(o, 'fundingReferences', 'fundingReference').map(funding), ...kernel3Funders(contributors)];
  return compact({
    doi,
    // A DOI may hold any printable character, '%', '#' and '?' included (DOI Handbook 2.5.2.4): escaped for the URL.
    doiUrl: `https://doi.org/${percentEncodePath(doi)}`,
    schemaVersion: schemaVersion ?? text(child(o, 'schemaVersion'))?.replace(/^.*\/schema\//, ''),
    title: titles.find((t) => !t.type)?.title ?? titles[0]?.title,
    titles,
    creators,
    contributors,
    publisher: publisherName
      ? compact({
          name: publisherName,
          lang: lang(pub),
          identifier: field(pub, 'publisherIdentifier'),
          ...publisherIds,
          key: publisherKey,
          ref: publisherKey ? `org/${publisherKey}` : undefined,
        })
      : undefined,
    publicationYear: field(o, 'publicationYear'),
    resourceTypeGeneral: field(types, 'resourceTypeGeneral') ?? field(rt, 'resourceTypeGeneral'),
    resourceType: field(types, 'resourceType') ?? (typeof rt === 'string' ? text(rt) : text(child(rt, '#text'))),
    subjects: list(o, 'subjects', 'subject').flatMap((s) => {
      const subject = content(s, 'subject');
      if (!subject) return [];
      return [
        compact({
          subject,
          key: `${slug(field(s, 'subjectScheme') ?? 'keyword')}-${slug(subject)}`,
          scheme: field(s, 'subjectScheme'),
          schemeUri: field(s, 'schemeURI', 'schemeUri'),
          valueUri: field(s, 'valueURI', 'valueUri'),
          classificationCode: field(s, 'classificationCode'),
          lang: lang(s),
        }),
      ];
    }),
    fundingReferences,
    relatedIdentifiers: list(o, 'relatedIdentifiers', 'relatedIdentifier').flatMap((r) => {
      const identifier = content(r, 'relatedIdentifier');
      const relationType = field(r, 'relationType');
      if (!identifier || !relationType) return [];
      const identifierType = field(r, 'relatedIdentifierType');
      const doi = identifierType?.toUpperCase() === 'DOI' || /doi\.org\//i.test(identifier) ? doiOf(identifier) : undefined;
      return [
        compact({
          relationType,
          identifier,
          identifierType,
          resourceTypeGeneral: field(r, 'resourceTypeGeneral'),
          doi,
          iri: doi ? undefined : relatedIri(identifierType, identifier),
        }),
      ];
    }),
    rights: list(o, 'rightsList', 'rights').flatMap((r) => {
      const uri = field(r, 'rightsURI', 'rightsUri');
      const name = content(r, 'rights');
      const entry = compact({
        name,
        uri,
        kind: /^info:eu-repo\/semantics\//.test(uri ?? name ?? '') ? ('access' as const) : ('license' as const),
        identifier: field(r, 'rightsIdentifier'),
        scheme: field(r, 'rightsIdentifierScheme'),
        lang: lang(r),
      });
      return entry.name || entry.uri ? [entry] : [];
    }),
    descriptions: list(o, 'descriptions', 'description').flatMap((d) => {
      const description = content(d, 'description');
      return description ? [compact({ description, type: field(d, 'descriptionType'), lang: lang(d) })] : [];
    }),
    dates: list(o, 'dates', 'date').flatMap((d) => {
      const date = content(d, 'date');
      return date ? [compact({ date, type: field(d, 'dateType'), information: field(d, 'dateInformation') })] : [];
    }),
    language: field(o, 'language'),
    version: field(o, 'version'),
    formats: list(o, 'formats', 'format').flatMap((f) => text(f) ?? []),
    sizes: list(o, 'sizes', 'size').flatMap((s) => text(s) ?? []),
    alternateIdentifiers: [
      ...list(o, 'alternateIdentifiers', 'alternateIdentifier'),
      ...list(o, 'identifiers', 'identifier').filter((i) => field(i, 'identifierType') !== 'DOI'),
    ].flatMap((a) => {
      const identifier = content(a, 'alternateIdentifier') ?? field(a, 'identifier');
      return identifier ? [compact({ identifier, type: field(a, 'alternateIdentifierType', 'identifierType') })] : [];
    }),
    geoLocationPlaces: list(o, 'geoLocations', 'geoLocation').flatMap((g) => arr(child(g, 'geoLocationPlace')).flatMap((p) => text(p) ?? [])),
  });
}
