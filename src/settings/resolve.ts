/**
 * Settings resolution, made from the table: flags > environment > defaults,
 * each value validated once; every later module trusts the result.
 */
import { LibkgError } from '../errors.js';
import type { Kind, RawValue } from './kinds.js';
import { type Group, SETTINGS, type Setting, type SettingKey, type Settings } from './table.js';

type ValueOf<S> = S extends Setting<infer T> ? T : never;

/** Every setting libkg reads (src/settings/table.ts: what each one means). */
export type Config = { -readonly [K in SettingKey]: ValueOf<Settings[K]> };

/** The settings of one group, e.g. the query-shape limits. */
export type GroupConfig<G extends Group> = { [K in SettingKey as Settings[K]['group'] extends G ? K : never]: ValueOf<Settings[K]> };

/** Raw settings as flags, the environment or code give them (strings still unparsed). */
export type RawSettings = Partial<Record<SettingKey, RawValue>>;

/** Where each raw setting came from (`--port`, `LIBKG_PORT`), so a refusal can name it. */
export type Origins = Partial<Record<SettingKey, string>>;

type Env = Record<string, string | undefined>;

type AnySetting = Setting<unknown>;
export const entries = () => Object.entries(SETTINGS) as [SettingKey, AnySetting][];

export const DEFAULTS: Config = Object.fromEntries(entries().map(([key, s]) => [key, s.default])) as Config;

/** The defaults of one group (query-limits.ts takes its limits from here). */
export function groupDefaults<G extends Group>(group: G): GroupConfig<G> {
  return Object.fromEntries(entries().flatMap(([key, s]) => (s.group === group ? [[key, s.default]] : []))) as GroupConfig<G>;
}

/** The environment variable of each setting of one group (named in refusals, so an operator knows what to raise). */
export function groupEnvNames<G extends Group>(group: G): Record<keyof GroupConfig<G>, string> {
  return Object.fromEntries(entries().flatMap(([key, s]) => (s.group === group ? [[key, s.env]] : []))) as Record<keyof GroupConfig<G>, string>;
}

/** Reads the LIBKG_* variables into raw settings (an empty variable counts as unset). */
export function configFromEnv(env: Env = process.env): RawSettings {
  const out: RawSettings = {};
  for (const [key, s] of entries()) {
    const v = env[s.env];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

/** Whether the operator gave a setting (flag or environment) rather than taking its default. */
export function settingGiven(key: SettingKey, values: Record<string, unknown>, env: Env = process.env): boolean {
  const s: AnySetting = SETTINGS[key];
  return (s.flag !== undefined && values[s.flag.name] !== undefined) || Boolean(env[s.env]);
}

/** Flags (parseArgs values) over the environment, with the origin of each, ready for resolveConfig. */
export function rawFromCommandLine(values: Record<string, unknown>, env: Env = process.env): { raw: RawSettings; origins: Origins } {
  const raw = configFromEnv(env);
  const origins: Origins = {};
  for (const key of Object.keys(raw) as SettingKey[]) origins[key] = SETTINGS[key].env;
  for (const [key, s] of entries()) {
    const given = s.flag && values[s.flag.name];
    if (given === undefined || !s.flag) continue;
    raw[key] = s.flag.negates ? !given : (given as RawValue);
    origins[key] = `--${s.flag.name}`;
  }
  return { raw, origins };
}

function parseOne(key: SettingKey, s: AnySetting, raw: RawValue, origin: string | undefined): unknown {
  const fail = (reason: string): never => {
    const from = origin && origin !== s.label ? ` (${origin})` : '';
    throw new LibkgError('CONFIG_INVALID', `${s.label} ${reason}${from}`, { setting: key, ...(origin ? { origin } : {}) });
  };
  return s.kind.parse(raw, fail);
}

/**
 * Merges raw settings onto the defaults and validates them once. `origins`
 * names where each came from, for the error message; code that passes typed
 * values (tests) may leave it out. The query timeout is given in seconds.
 */
export function resolveConfig(raw: RawSettings, origins: Origins = {}): Config {
  const out: Record<string, unknown> = {};
  for (const [key, s] of entries()) out[key] = raw[key] !== undefined ? parseOne(key, s, raw[key], origins[key]) : s.default;
  for (const [key, s] of entries()) {
    if (raw[key] !== undefined || !s.derive) continue;
    const derived = s.derive(out);
    if (derived !== undefined) out[key] = derived;
  }
  for (const [key, s] of entries()) {
    const kind = s.kind as Kind<unknown>;
    if (kind.finish) out[key] = kind.finish(out[key]);
  }
  return out as Config;
}
