import { LibkgError } from '../errors.js';
import { importPaths } from '../ingest/pipeline.js';
import { createIngest } from '../ingest/setup.js';
import type { ImportSummary } from '../ingest/types.js';
import { openStore } from './open-store.js';
import { configFrom, parse, STORE_HELP, STORE_OPTIONS } from './options.js';
import { progressBar } from './progress.js';

const USAGE = `Usage: libkg import [options] <file or dir>...

Imports source records (MARC, MARCXML, ORCID, DataCite, patents, COUNTER, usage logs, SKOS)
and RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML; .gz too). Each record becomes
its own named graph; re-importing an unchanged record changes nothing.

Options:
  --format NAME        skip detection and read every file as NAME
  --strict             exit non-zero if any record is rejected
${STORE_HELP}`;

export function formatSummary(s: ImportSummary): string {
  const lines = [`read ${s.read}, written ${s.written}, unchanged ${s.unchanged}, rejected ${s.rejected}`];
  for (const r of s.rejections.slice(0, 50)) lines.push(`  rejected ${r.file} record ${r.index}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
  if (s.rejections.length > 50) lines.push(`  … and ${s.rejections.length - 50} more`);
  return lines.join('\n');
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...STORE_OPTIONS, format: { type: 'string' }, strict: { type: 'boolean' } }, true, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!positionals.length) throw new LibkgError('USAGE', `name at least one file or directory\n\n${USAGE}`);
  const config = configFrom(values);
  const store = await openStore(config);
  const bar = progressBar('bytes');
  try {
    const ingest = await createIngest({ baseIri: config.baseIri });
    const summary = await importPaths(store, positionals, {
      baseIri: config.baseIri,
      format: values.format as string | undefined,
      ...ingest,
      onProgress: (p) => bar.update(p.bytes, p.totalBytes, `${p.records} records, ${p.file}`),
    });
    bar.stop();
    console.log(formatSummary(summary));
    return values.strict && summary.rejected > 0 ? 3 : 0;
  } finally {
    bar.stop();
    await store.close();
  }
}
