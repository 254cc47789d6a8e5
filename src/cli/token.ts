import { join } from 'node:path';
import { hashToken, newToken } from '../auth/tokens.js';
import { ensureDataDir } from '../config.js';
import { LibkgError } from '../errors.js';
import { Journal } from '../store/journal.js';
import { configFrom, parse, STORE_HELP, STORE_OPTIONS } from './options.js';

const USAGE = `Usage: libkg token create [--name NAME] [options]

Creates a write token, stores only its hash and prints the token once.
Send it as "Authorization: Bearer <token>" with updates, Graph Store writes and imports.

Options:
  --name NAME          a label to recognise the token by
${STORE_HELP}`;

export async function tokenCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...STORE_OPTIONS, name: { type: 'string' } }, true, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals[0] !== 'create' || positionals.length !== 1) throw new LibkgError('USAGE', `expected \`token create\`\n\n${USAGE}`);
  const config = configFrom(values);
  ensureDataDir(config.dataDir);
  // Tokens may be added while a server runs: SQLite serializes the two writers, and the server reads tokens per request.
  const journal = new Journal(join(config.dataDir, 'libkg.sqlite'), config.quadBudget);
  try {
    const token = newToken();
    journal.addToken((values.name as string | undefined) ?? 'unnamed', hashToken(token).toString('hex'));
    console.log(token);
    return 0;
  } finally {
    journal.close();
  }
}
