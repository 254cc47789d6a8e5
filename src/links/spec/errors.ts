import { LibkgError } from '../../errors.js';

/** A refused link spec: `file:line: key: reason`, with the three also as problem+json members. */
export class LinkSpecError extends LibkgError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly key: string,
    reason: string,
  ) {
    super('LINK_SPEC_INVALID', `${file}:${line}: ${key ? `${key}: ` : ''}${reason}`, { file, line, key });
    this.name = 'LinkSpecError';
  }
}

/** "x", "y" or "z": for messages naming what exists. */
export const oneOf = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');
