import { resolve } from 'node:path';

/** A value as given: text from a flag or the environment, or a typed value from code (tests, benches). */
export type RawValue = string | number | boolean | string[];

/** Refuses a value: `reason` completes "<setting> …", e.g. `must be a whole number, got "x"`. */
export type Fail = (reason: string) => never;

/** How one setting's text becomes a checked value, and how its default is shown. */
export interface Kind<T> {
  /** The placeholder after the flag in --help and the README (N, URL, DIR, …). */
  arg: string;
  parse(raw: RawValue, fail: Fail): T;
  show(value: T): string;
  /** Applied to every value, the default included (paths become absolute). */
  finish?(value: T): T;
}

const MIB = 1024 * 1024;

/** 268435456 → "256 MiB": byte limits read better in binary units. */
export function showBytes(n: number): string {
  if (n >= 1024 * MIB && n % (1024 * MIB) === 0) return `${n / (1024 * MIB)} GiB`;
  if (n >= MIB && n % MIB === 0) return `${n / MIB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return String(n);
}

function wholeNumber(raw: RawValue, min: number, max: number, fail: Fail): number {
  const text = String(raw).trim();
  if (!/^\d+$/.test(text)) fail(`must be a whole number, got "${raw}"`);
  const n = Number(text);
  if (n < min || n > max) fail(`must be between ${min} and ${max}, got ${n}`);
  return n;
}

export const int = (min: number, max: number, arg = 'N'): Kind<number> => ({
  arg,
  parse: (raw, fail) => wholeNumber(raw, min, max, fail),
  show: String,
});

/** A size in bytes: given as a whole number, shown in MiB/GiB. */
export const bytes = (min: number, max: number): Kind<number> => ({ ...int(min, max), show: showBytes });

/** Given in seconds, kept in milliseconds (timers take ms). */
export const seconds = (min: number, max: number): Kind<number> => ({
  arg: 'S',
  parse: (raw, fail) => wholeNumber(raw, min, max, fail) * 1000,
  show: (ms) => String(ms / 1000),
});

export const flag = (arg = 'true|false'): Kind<boolean> => ({
  arg,
  parse(raw, fail) {
    if (typeof raw === 'boolean') return raw;
    if (/^(1|true|yes|on)$/i.test(String(raw))) return true;
    if (/^(0|false|no|off)$/i.test(String(raw))) return false;
    return fail(`must be true or false, got "${raw}"`);
  },
  show: (v) => (arg === 'on|off' ? (v ? 'on' : 'off') : String(v)),
});

export const text = (arg: string): Kind<string> => ({ arg, parse: (raw) => String(raw), show: (v) => v });

/** A file or directory, made absolute against the working directory ('' stays '': "not set"). */
export const path = (arg: string): Kind<string> => ({ arg, parse: String, show: (v) => v, finish: (v) => (v ? resolve(v) : '') });

export const oneOf = <const V extends string>(values: readonly V[]): Kind<string> => ({
  arg: 'LEVEL',
  parse(raw, fail) {
    const v = String(raw).trim();
    return (values as readonly string[]).includes(v) ? v : fail(`must be one of ${values.join(', ')}, got "${raw}"`);
  },
  show: (v) => v,
});

/** Comma-separated; code may pass an array. */
export const list = (arg: string): Kind<string[]> => ({
  arg,
  parse: (raw) => (Array.isArray(raw) ? raw : String(raw).split(',')).map((t) => t.trim()).filter(Boolean),
  show: (v) => v.join(','),
});

/** An http(s) URL, or '' for "none". */
export const httpUrl: Kind<string> = {
  arg: 'URL',
  parse(raw, fail) {
    const v = String(raw);
    if (v !== '' && !/^https?:\/\/[^/]/.test(v)) fail(`must be an http(s) URL, got "${v}"`);
    return v;
  },
  show: (v) => v,
};

/** An e-mail address, or '' for "derive one". */
export const email: Kind<string> = {
  arg: 'ADDRESS',
  parse(raw, fail) {
    const v = String(raw).trim();
    // OAI-PMH requires an e-mail address here (Identify, §4.2).
    if (v !== '' && !/^[^\s@<>"]+@[^\s@<>"]+$/.test(v)) fail(`must be an e-mail address, got "${v}"`);
    return v;
  },
  show: (v) => v,
};

/** An absolute http(s) IRI, always ending in '/' so `{base}id/…` joins cleanly. */
export const baseIri: Kind<string> = {
  arg: 'IRI',
  parse(raw, fail) {
    const v = String(raw);
    let url: URL | undefined;
    try {
      url = new URL(v);
    } catch {
      fail(`must be an absolute IRI such as http://example.org/, got "${v}"`);
    }
    if (!/^https?:$/.test(url?.protocol ?? '')) fail(`must use http or https, got "${v}"`);
    return v.endsWith('/') ? v : `${v}/`;
  },
  show: (v) => v,
};
