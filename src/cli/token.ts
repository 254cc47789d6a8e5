import { hashToken, newToken } from '../auth/tokens.js';
import { ensureDataDir } from '../config.js';
import { LibkgError } from '../errors.js';
import { openTokens } from '../store/tokens.js';
import { configFrom, parse, STORE_HELP, STORE_OPTIONS } from './options.js';

const USAGE = `Usage: libkg token create [--name NAME] [options]
       libkg token list [options]
       libkg token revoke (--id N | --name NAME) [options]

create: makes a write token, stores only its hash and prints the token once.
Send it as "Authorization: Bearer <token>" with updates, Graph Store writes and imports.
list: prints each stored token's id, name and creation time (tab-separated; never the token).
revoke: removes the token with that id, or every token with that name; the server
refuses it from its next request on. All three work while a server uses the data dir.

Options:
  --name NAME          a label to recognise the token by
  --id N               the id \`token list\` shows
${STORE_HELP}`;

const usage = (why: string) => new LibkgError('USAGE', `${why}\n\n${USAGE}`);

/** The revoke target from --id or --name (exactly one). */
function revokeTarget(values: Record<string, unknown>): { id: number } | { name: string } {
  const id = values.id as string | undefined;
  const name = values.name as string | undefined;
  if ((id === undefined) === (name === undefined)) throw usage('`token revoke` needs exactly one of --id or --name');
  if (id === undefined) return { name: name as string };
  if (!/^[1-9][0-9]{0,15}$/.test(id)) throw usage(`--id must be a token id as \`token list\` shows it (a positive integer), not "${id}"`);
  return { id: Number(id) };
}

export async function tokenCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...STORE_OPTIONS, name: { type: 'string' }, id: { type: 'string' } }, true, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const action = positionals[0];
  if (positionals.length !== 1 || !['create', 'list', 'revoke'].includes(action as string)) {
    throw usage('expected `token create`, `token list` or `token revoke`');
  }
  if (action !== 'revoke' && values.id !== undefined) throw usage(`--id belongs to \`token revoke\`, not \`token ${action}\``);
  const config = configFrom(values);
  ensureDataDir(config.dataDir);
  const target = action === 'revoke' ? revokeTarget(values) : undefined;
  const tokens = openTokens(config.dataDir);
  try {
    if (action === 'create') {
      const token = newToken();
      tokens.add((values.name as string | undefined) ?? 'unnamed', hashToken(token).toString('hex'));
      console.log(token);
    } else if (action === 'list') {
      for (const t of tokens.list()) console.log(`${t.id}\t${t.name}\t${t.createdAt}`);
    } else if (target) {
      const n = tokens.revoke(target);
      const what = 'id' in target ? `id ${target.id}` : `name "${target.name}"`;
      if (n === 0) throw new LibkgError('NOT_FOUND', `no token with ${what} in ${config.dataDir}; \`libkg token list\` shows them`);
      console.log(`revoked ${n} token(s) with ${what}`);
    }
    return 0;
  } finally {
    tokens.close();
  }
}
