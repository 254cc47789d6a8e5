import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeIri } from '../rdf/iri.js';
import { openStore } from './open-store.js';
import { configFrom, parse, STORE_HELP, STORE_OPTIONS } from './options.js';

const USAGE = `Usage: libkg repair [--dry-run] [options]

Removes the graphs \`libkg check\` reports (graph names that are not IRIs, lines that do
not parse) through the normal delete path, so the change log, LDES and OAI-PMH record the
deletion. Their lines are first written to quarantine-<timestamp>.nq.txt in the data dir
(one "# graph <IRI>: reason" header per graph, then its stored lines) for the operator to
fix and import again. The data dir must not be in use by a running server.

Options:
  --dry-run            list what would be removed; change nothing
${STORE_HELP}`;

export async function repairCommand(args: string[]): Promise<number> {
  const { values } = parse(args, { ...STORE_OPTIONS, 'dry-run': { type: 'boolean' } }, false, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = configFrom(values);
  const store = await openStore(config);
  try {
    const { checked, bad } = store.findBadGraphs();
    for (const b of bad) console.log(`${values['dry-run'] ? 'would remove' : 'removing'} graph <${escapeIri(b.graph)}> (${b.lines.length} lines): ${b.reason}`);
    if (!bad.length) {
      console.log(`${checked} graphs checked, nothing to repair`);
      return 0;
    }
    if (values['dry-run']) {
      console.log(`${checked} graphs checked, ${bad.length} would be removed (dry run: nothing changed)`);
      return 0;
    }
    // The copy is written (and flushed) before anything is deleted.
    const file = join(config.dataDir, `quarantine-${new Date().toISOString().replace(/[:.]/g, '-')}.nq.txt`);
    const text = bad.map((b) => `# graph <${escapeIri(b.graph)}>: ${b.reason.replace(/\n/g, ' ')}\n${b.lines.join('\n')}\n`).join('');
    writeFileSync(file, text, { flush: true });
    const out = await store.deleteGraphs(bad.map((b) => b.graph));
    console.log(`removed ${out.written.length} graph(s) (change ${out.seq}); their lines are in ${file}`);
    return 0;
  } finally {
    await store.close();
  }
}
