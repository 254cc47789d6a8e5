/** OAI-PMH request arguments: which each verb allows, and the date and syntax rules of §3.3 and §4. */

export type Verb = 'Identify' | 'ListMetadataFormats' | 'ListSets' | 'GetRecord' | 'ListIdentifiers' | 'ListRecords';

export class OaiError extends Error {
  constructor(
    readonly code:
      | 'badArgument'
      | 'badResumptionToken'
      | 'badVerb'
      | 'cannotDisseminateFormat'
      | 'idDoesNotExist'
      | 'noRecordsMatch'
      | 'noMetadataFormats'
      | 'noSetHierarchy',
    message: string,
  ) {
    super(message);
  }
}

/** Required and optional arguments per verb; `resumptionToken` is exclusive where allowed. */
const ARGS: Record<Verb, { required: string[]; optional: string[] }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: ['resumptionToken'] },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set', 'resumptionToken'] },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set', 'resumptionToken'] },
};

export const isVerb = (v: string): v is Verb => Object.hasOwn(ARGS, v);

// The schema's patterns for metadataPrefixType and setSpecType.
const PREFIX_SYNTAX = /^[A-Za-z0-9\-_.!~*'()]+$/;
const SET_SYNTAX = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/;

/**
 * Checks a verb's arguments: no repeats, no unknown names, required ones
 * present, and a resumptionToken alone. Returns them as single strings.
 */
export function checkArguments(verb: Verb, raw: Record<string, unknown>): Record<string, string> {
  const args: Record<string, string> = {};
  const { required, optional } = ARGS[verb];
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'verb') continue;
    if (Array.isArray(value)) throw new OaiError('badArgument', `argument "${name}" is repeated`);
    if (typeof value !== 'string') throw new OaiError('badArgument', `argument "${name}" has no value`);
    if (!required.includes(name) && !optional.includes(name)) throw new OaiError('badArgument', `${verb} does not take the argument "${name}"`);
    args[name] = value;
  }
  if (args.resumptionToken !== undefined) {
    const others = Object.keys(args).filter((n) => n !== 'resumptionToken');
    if (others.length) throw new OaiError('badArgument', `resumptionToken is an exclusive argument; also got ${others.join(', ')}`);
    return args;
  }
  for (const name of required) if (args[name] === undefined || args[name] === '') throw new OaiError('badArgument', `${verb} needs the argument "${name}"`);
  if (args.metadataPrefix !== undefined && !PREFIX_SYNTAX.test(args.metadataPrefix))
    throw new OaiError('badArgument', `"${args.metadataPrefix}" is not a metadataPrefix`);
  if (args.set !== undefined && !SET_SYNTAX.test(args.set)) throw new OaiError('badArgument', `"${args.set}" is not a setSpec`);
  return args;
}

export interface DateRange {
  /** Inclusive bounds in the change log's ISO format (milliseconds, Z). */
  fromTs?: string;
  untilTs?: string;
}

/** Parses a datestamp argument at day or seconds granularity; `end` rounds up to the last millisecond it covers. */
function parseDatestamp(value: string, name: string, end: boolean): { iso: string; day: boolean } {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/.exec(value);
  if (!m) throw new OaiError('badArgument', `${name}="${value}" is neither YYYY-MM-DD nor YYYY-MM-DDThh:mm:ssZ`);
  const day = m[4] === undefined;
  const iso = day ? `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : `${value.slice(0, 19)}.${end ? '999' : '000'}Z`;
  const d = new Date(iso);
  // Round-tripping rejects impossible dates such as 2024-02-30 or 25:00:00.
  if (Number.isNaN(d.getTime()) || d.toISOString() !== iso) throw new OaiError('badArgument', `${name}="${value}" is not a valid date`);
  return { iso, day };
}

export function parseRange(from: string | undefined, until: string | undefined): DateRange {
  const f = from === undefined ? undefined : parseDatestamp(from, 'from', false);
  const u = until === undefined ? undefined : parseDatestamp(until, 'until', true);
  if (f && u && f.day !== u.day) throw new OaiError('badArgument', 'from and until must have the same granularity');
  if (f && u && f.iso > u.iso) throw new OaiError('badArgument', 'from is later than until');
  return { fromTs: f?.iso, untilTs: u?.iso };
}
