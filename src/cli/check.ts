import { escapeIri } from '../rdf/iri.js';
import { checkDataDir } from '../store/check-graphs.js';
import { configFrom, parse, STORE_HELP, STORE_OPTIONS } from './options.js';

const USAGE = `Usage: libkg check [options]

Reads every graph of the journal as the query engines load it: each graph name must be
a valid IRI and each line must parse. Prints every bad graph with the reason. The
server leaves such graphs out (quarantined, listed in /health); \`libkg repair\` removes
them. Read-only: it can run while a server uses the data dir.

Exit codes: 0 every graph loads, 3 bad graphs were found.

Options:
${STORE_HELP}`;

export async function checkCommand(args: string[]): Promise<number> {
  const { values } = parse(args, STORE_OPTIONS, false, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { checked, bad } = checkDataDir(configFrom(values).dataDir);
  for (const b of bad) console.log(`bad graph <${escapeIri(b.graph)}> (${b.lines.length} lines): ${b.reason}`);
  console.log(`${checked} graphs checked, ${bad.length} bad${bad.length ? '; run `libkg repair` to remove them (a copy is kept)' : ''}`);
  return bad.length ? 3 : 0;
}
