/**
 * A look-up in a plain object by a key that comes from outside (a request, a record, the command line): only the
 * object's own entries count, so "constructor", "__proto__" or "toString" find nothing instead of Object.prototype.
 */
export const own = <V>(map: Readonly<Record<string, V>>, key: string): V | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);
