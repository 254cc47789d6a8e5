import { decodeHTMLStrict } from 'entities';

/**
 * Character entities of the USPTO DTDs (ISO 8879 sets via the HTML table),
 * for saxes, which does not read external DTDs. The `entities` package holds
 * the HTML 5 table; the ISO Greek set (isogrk1: `&agr;` `&PHgr;` ...) is not in
 * HTML, and no maintained npm package ships it, so it is listed here.
 */
const ISO_GREEK: Record<string, string> = {
  agr: 'α',
  bgr: 'β',
  ggr: 'γ',
  dgr: 'δ',
  egr: 'ε',
  zgr: 'ζ',
  eegr: 'η',
  thgr: 'θ',
  igr: 'ι',
  kgr: 'κ',
  lgr: 'λ',
  mgr: 'μ',
  ngr: 'ν',
  xgr: 'ξ',
  ogr: 'ο',
  pgr: 'π',
  rgr: 'ρ',
  sgr: 'σ',
  sfgr: 'ς',
  tgr: 'τ',
  ugr: 'υ',
  phgr: 'φ',
  khgr: 'χ',
  psgr: 'ψ',
  ohgr: 'ω',
  Agr: 'Α',
  Bgr: 'Β',
  Ggr: 'Γ',
  Dgr: 'Δ',
  Egr: 'Ε',
  Zgr: 'Ζ',
  EEgr: 'Η',
  THgr: 'Θ',
  Igr: 'Ι',
  Kgr: 'Κ',
  Lgr: 'Λ',
  Mgr: 'Μ',
  Ngr: 'Ν',
  Xgr: 'Ξ',
  Ogr: 'Ο',
  Pgr: 'Π',
  Rgr: 'Ρ',
  Sgr: 'Σ',
  Tgr: 'Τ',
  Ugr: 'Υ',
  PHgr: 'Φ',
  KHgr: 'Χ',
  PSgr: 'Ψ',
  OHgr: 'Ω',
};

const cache = new Map<string, string | undefined>(Object.entries(ISO_GREEK));

/** The expansion of a named entity, or undefined when neither table knows it. */
export function expandEntity(name: string): string | undefined {
  if (cache.has(name)) return cache.get(name);
  const raw = `&${name};`;
  const decoded = decodeHTMLStrict(raw);
  const value = decoded === raw ? undefined : decoded;
  cache.set(name, value);
  return value;
}

/**
 * An entity map for `parser.ENTITIES`: the parser's own XML entities first,
 * then HTML + ISO Greek, looked up lazily (the HTML table has ~2,000 names).
 */
export function withPatentEntities(xmlEntities: Record<string, string>): Record<string, string> {
  return new Proxy(xmlEntities, {
    get: (target, name) => (typeof name === 'string' ? (target[name] ?? expandEntity(name)) : undefined),
  });
}
