/** The OAI-PMH 2.0 provider: one response document per request, for all six verbs. */
import { marcOriginal } from '../../ingest/readers/marc-original.js';
import type { QuadStore } from '../../store/port.js';
import { checkArguments, type DateRange, isVerb, OaiError, parseRange, type Verb } from './arguments.js';
import { MARCXML, writeMarcXml, writeOriginalMarcXml } from './formats/marcxml.js';
import { OAI_DC, writeOaiDc } from './formats/oai-dc.js';
import { RDF_FORMAT, recordRdfXml } from './formats/rdf-xml.js';
import { RecordView } from './formats/record-view.js';
import { isSetSpec, SETS } from './protocol/sets.js';
import { XmlWriter } from './protocol/xml-writer.js';
import { type ListQuery, OaiRepository, type RecordHeader, toDatestamp } from './repository.js';
import { decodeToken, encodeToken, type ListState } from './token.js';

const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
const OAI_SCHEMA = 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd';

interface Format {
  prefix: string;
  schema: string;
  namespace: string;
  /** Record sources this format applies to (undefined: every record). */
  sources?: readonly string[];
}

const FORMATS: readonly Format[] = [OAI_DC, RDF_FORMAT, { ...MARCXML, sources: ['catalog'] }];

export interface OaiOptions {
  store: QuadStore;
  baseIri: string;
  /** Records (or headers) per list response. */
  pageSize?: number;
  repositoryName?: string;
  adminEmail?: string;
}

const formatFor = (prefix: string) => FORMATS.find((f) => f.prefix === prefix);
const appliesTo = (f: Format, source: string) => !f.sources || f.sources.includes(source);

export class OaiProvider {
  private readonly repo: OaiRepository;
  readonly baseUrl: string;
  private readonly pageSize: number;

  constructor(private readonly options: OaiOptions) {
    this.repo = new OaiRepository(options.store, options.baseIri);
    this.baseUrl = `${options.baseIri}oai`;
    this.pageSize = options.pageSize ?? 100;
  }

  /** Answers one request given its query or form arguments; OAI errors become error responses (HTTP 200, as the protocol wants). */
  async respond(raw: Record<string, unknown>): Promise<string> {
    const verb = raw.verb;
    try {
      if (typeof verb !== 'string' || !isVerb(verb)) {
        throw new OaiError('badVerb', Array.isArray(verb) ? 'verb is repeated' : verb === undefined ? 'no verb' : `"${String(verb)}" is not an OAI-PMH verb`);
      }
      const args = checkArguments(verb, raw);
      const body = new XmlWriter(false);
      await this.answer(verb, args, body);
      return this.envelope({ verb, ...args }, body.toString());
    } catch (e) {
      if (!(e instanceof OaiError)) throw e;
      // badVerb and badArgument responses echo no arguments (§3.6).
      const echo = e.code === 'badVerb' || e.code === 'badArgument' ? {} : this.echo(raw);
      return this.envelope(echo, new XmlWriter(false).leaf('error', e.message, { code: e.code }).toString());
    }
  }

  private echo(raw: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  private envelope(request: Record<string, string>, inner: string): string {
    const x = new XmlWriter();
    x.open('OAI-PMH', { xmlns: OAI_NS, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation': `${OAI_NS} ${OAI_SCHEMA}` });
    x.leaf('responseDate', toDatestamp(new Date().toISOString()));
    x.leaf('request', this.baseUrl, request);
    x.raw(inner);
    return x.close().toString();
  }

  private async answer(verb: Verb, args: Record<string, string>, x: XmlWriter): Promise<void> {
    switch (verb) {
      case 'Identify':
        return this.identify(x);
      case 'ListMetadataFormats':
        return this.listMetadataFormats(args.identifier, x);
      case 'ListSets':
        if (args.resumptionToken !== undefined) throw new OaiError('badResumptionToken', 'ListSets returns every set at once; there is nothing to resume');
        x.open('ListSets');
        for (const s of SETS) x.open('set').leaf('setSpec', s.spec).leaf('setName', s.name).close();
        x.close();
        return;
      case 'GetRecord':
        return this.getRecord(args.identifier as string, args.metadataPrefix as string, x);
      case 'ListIdentifiers':
      case 'ListRecords':
        return this.list(verb, args, x);
    }
  }

  private async identify(x: XmlWriter): Promise<void> {
    x.open('Identify')
      .leaf('repositoryName', this.options.repositoryName ?? 'libkg knowledge graph')
      .leaf('baseURL', this.baseUrl)
      .leaf('protocolVersion', '2.0')
      .leaf('adminEmail', this.options.adminEmail ?? `admin@${new URL(this.options.baseIri).hostname.replace(/^localhost$|^[\d.]+$/, 'localhost.localdomain')}`)
      .leaf('earliestDatestamp', await this.repo.earliestDatestamp())
      // The change log and graph tombstones are kept forever.
      .leaf('deletedRecord', 'persistent')
      .leaf('granularity', 'YYYY-MM-DDThh:mm:ssZ')
      .close();
  }

  private async listMetadataFormats(identifier: string | undefined, x: XmlWriter): Promise<void> {
    let formats = FORMATS;
    if (identifier !== undefined) {
      const header = await this.repo.header(identifier);
      if (!header) throw new OaiError('idDoesNotExist', `no record has the identifier "${identifier}"`);
      formats = FORMATS.filter((f) => appliesTo(f, header.source));
      if (!formats.length) throw new OaiError('noMetadataFormats', `no metadata format is available for "${identifier}"`);
    }
    x.open('ListMetadataFormats');
    for (const f of formats) x.open('metadataFormat').leaf('metadataPrefix', f.prefix).leaf('schema', f.schema).leaf('metadataNamespace', f.namespace).close();
    x.close();
  }

  private async getRecord(identifier: string, prefix: string, x: XmlWriter): Promise<void> {
    const format = formatFor(prefix);
    const header = await this.repo.header(identifier);
    if (!header) throw new OaiError('idDoesNotExist', `no record has the identifier "${identifier}"`);
    if (!format || !appliesTo(format, header.source))
      throw new OaiError('cannotDisseminateFormat', `the record "${identifier}" is not available as "${prefix}"`);
    x.open('GetRecord');
    await this.writeRecord(header, format, x);
    x.close();
  }

  private async list(verb: 'ListIdentifiers' | 'ListRecords', args: Record<string, string>, x: XmlWriter): Promise<void> {
    let state: ListState;
    if (args.resumptionToken !== undefined) {
      const decoded = decodeToken(args.resumptionToken);
      if (!decoded || decoded.verb !== verb || !formatFor(decoded.metadataPrefix)) throw new OaiError('badResumptionToken', 'the resumptionToken is invalid');
      state = decoded;
    } else {
      state = {
        verb,
        metadataPrefix: args.metadataPrefix as string,
        from: args.from,
        until: args.until,
        set: args.set,
        after: 0,
        cursor: 0,
        completeListSize: 0,
      };
    }
    const format = formatFor(state.metadataPrefix);
    if (!format) throw new OaiError('cannotDisseminateFormat', `the metadata format "${state.metadataPrefix}" is not supported`);
    let range: DateRange;
    try {
      range = parseRange(state.from, state.until);
    } catch (e) {
      if (args.resumptionToken !== undefined) throw new OaiError('badResumptionToken', 'the resumptionToken is invalid');
      throw e;
    }
    const query: ListQuery = { after: state.after, ...range, set: state.set, sources: format.sources };
    if (state.set !== undefined && !isSetSpec(state.set)) throw new OaiError('noRecordsMatch', `there is no set "${state.set}"`);
    if (args.resumptionToken === undefined) state.completeListSize = await this.repo.count(query);
    const { headers, more } = await this.repo.list(query, this.pageSize);
    // Also after a token: the records still to come were changed so that they no longer match.
    if (!headers.length) throw new OaiError('noRecordsMatch', 'no record matches the arguments');
    x.open(verb);
    for (const h of headers) {
      if (verb === 'ListIdentifiers') this.writeHeader(h, x);
      else await this.writeRecord(h, format, x);
    }
    const paged = more || args.resumptionToken !== undefined;
    if (paged) {
      const last = headers[headers.length - 1];
      const next: ListState = { ...state, after: last ? last.seq : state.after, cursor: state.cursor + headers.length };
      // The list may have grown since the size was counted; never announce fewer records than were sent.
      const size = Math.max(state.completeListSize, next.cursor + (more ? 1 : 0));
      x.leaf('resumptionToken', more ? encodeToken({ ...next, completeListSize: size }) : '', { completeListSize: size, cursor: state.cursor });
    }
    x.close();
  }

  private writeHeader(h: RecordHeader, x: XmlWriter): void {
    x.open('header', { status: h.deleted ? 'deleted' : undefined });
    x.leaf('identifier', h.identifier).leaf('datestamp', h.datestamp);
    if (h.set) x.leaf('setSpec', h.set);
    x.close();
  }

  private async writeRecord(h: RecordHeader, format: Format, x: XmlWriter): Promise<void> {
    x.open('record');
    this.writeHeader(h, x);
    if (!h.deleted) {
      const quads = await this.repo.getGraph(h.identifier);
      x.open('metadata');
      if (format.prefix === RDF_FORMAT.prefix) x.raw(await recordRdfXml(quads));
      else {
        const original = format.prefix === MARCXML.prefix ? this.options.store.original(h.identifier) : undefined;
        const marc = original && marcOriginal(original);
        if (marc) writeOriginalMarcXml(x, marc);
        else {
          const view = new RecordView(quads, h.identifier, h.set);
          if (format.prefix === MARCXML.prefix) writeMarcXml(x, view);
          else writeOaiDc(x, view);
        }
      }
      x.close();
    }
    x.close();
  }
}
