import { LibkgError } from '../errors.js';
import { own } from '../own.js';
import { checkCommand } from './check.js';
import { dumpCommand } from './dump.js';
import { importCommand } from './import.js';
import { linkCommand } from './link.js';
import { reindexCommand } from './reindex.js';
import { repairCommand } from './repair.js';
import { restoreCommand } from './restore.js';
import { serveCommand } from './serve.js';
import { statsCommand } from './stats.js';
import { tokenCommand } from './token.js';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: serveCommand,
  import: importCommand,
  link: linkCommand,
  dump: dumpCommand,
  restore: restoreCommand,
  reindex: reindexCommand,
  stats: statsCommand,
  check: checkCommand,
  repair: repairCommand,
  token: tokenCommand,
};

const USAGE = `Usage: libkg <command> [options]

Commands:
  serve            serve the knowledge graph over HTTP
  import <path>..  import source records and RDF files
  link <run|eval|list>  find links between entities (mappings/links/)
  dump             write all quads as N-Quads or TriG
  restore <file>   load a dump into an empty data dir
  reindex          rebuild the search index from the store
  stats            print store statistics
  check            find graphs of the journal the engines cannot load
  repair           remove those graphs (a copy is kept in the data dir)
  token create     create a write token (also: token list, token revoke)

Run \`libkg <command> --help\` for a command's options.`;

const isEpipe = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';

/** Runs one command; returns the exit code (-1: keep the process running). */
export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`libkg dump | head`) closes the pipe: end quietly, as Unix tools do.
  process.stdout.on('error', (e) => {
    if (isEpipe(e)) process.exit(0);
  });
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = own(COMMANDS, name);
  try {
    if (!command) throw new LibkgError('USAGE', `unknown command "${name}"\n\n${USAGE}`);
    return await command(rest);
  } catch (e) {
    if (isEpipe(e)) return 0;
    if (e instanceof LibkgError) {
      console.error(`libkg ${name}: ${e.code}: ${e.message}`);
      return e.exitCode;
    }
    console.error(`libkg ${name}: ${(e as Error).stack ?? e}`);
    return 1;
  }
}
