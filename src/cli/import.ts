import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { LibkgError } from '../errors.js';
import { expandPaths, importPaths } from '../ingest/pipeline.js';
import { FORMATS, readerFor } from '../ingest/readers/index.js';
import { createIngest } from '../ingest/setup.js';
import type { ImportSummary } from '../ingest/types.js';
import { runAfterImport } from './after-import.js';
import { baseIriGiven, settledBaseIri } from './base-iri.js';
import { openStore } from './open-store.js';
import { configFrom, parse, settingOptions, settingsHelp } from './options.js';
import { progressBar } from './progress.js';

const USAGE = `Usage: libkg import [options] <file or dir>...

Imports source records (MARC, MARCXML, ORCID, DataCite, patents, COUNTER, usage logs, SKOS)
and RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML; .gz too). Each record becomes
its own named graph; re-importing an unchanged record changes nothing.

Options:
  --format NAME        skip detection and read every file as NAME, one of:
                       ${FORMATS.join(', ')}
  --mapping FILE       read every file as a table (CSV with a header row, UTF-8 or Latin-1)
                       for this mapping, e.g. mappings/bibliographic-table.yaml
  --strict             exit non-zero if any record is rejected
${settingsHelp('import')}

Exit codes: 0 ok, 2 usage (e.g. an unknown --format), 3 a file whose format is not recognised
or (with --strict) a rejected record.`;

export function formatSummary(s: ImportSummary): string {
  const lines = [`read ${s.read}, written ${s.written}, unchanged ${s.unchanged}, rejected ${s.rejected}`];
  for (const r of s.rejections.slice(0, 50)) lines.push(`  rejected ${r.file} record ${r.index}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
  if (s.rejections.length > 50) lines.push(`  … and ${s.rejections.length - 50} more`);
  return lines.join('\n');
}

/** The first bytes of a file, as the pipeline's detection sees them. */
function headOf(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    return buf.subarray(0, readSync(fd, buf, 0, 4096, 0));
  } finally {
    closeSync(fd);
  }
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { ...settingOptions('import'), format: { type: 'string' }, mapping: { type: 'string' }, strict: { type: 'boolean' } },
    true,
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!positionals.length) throw new LibkgError('USAGE', `name at least one file or directory\n\n${USAGE}`);
  const mappingFile = values.mapping as string | undefined;
  if (mappingFile !== undefined && !existsSync(mappingFile)) throw new LibkgError('USAGE', `no mapping file ${mappingFile}`);
  const format = mappingFile ? 'table' : (values.format as string | undefined);
  if (format !== undefined && !FORMATS.includes(format)) {
    throw new LibkgError('USAGE', `unknown --format "${format}"; valid formats: ${FORMATS.join(', ')}`);
  }
  // Files no reader recognises are reported (and the others still imported), then exit 3.
  const unrecognised = format ? [] : expandPaths(positionals).filter((f) => !readerFor(basename(f), headOf(f)));
  const config = await settledBaseIri(configFrom(values), baseIriGiven(values));
  const store = await openStore(config);
  const bar = progressBar('bytes');
  let summary: ImportSummary;
  try {
    // A mapping named by file is compiled with its neighbours (its name is the file name).
    const ingest = await createIngest({ baseIri: config.baseIri, mappingsDir: mappingFile ? dirname(resolve(mappingFile)) : undefined });
    summary = await importPaths(store, positionals, {
      baseIri: config.baseIri,
      format,
      mapping: mappingFile ? basename(mappingFile, '.yaml') : undefined,
      ...ingest,
      maxInflatedBytes: config.importMaxInflatedBytes,
      maxTokenBytes: config.importMaxTokenBytes,
      onProgress: (p) => bar.update(p.bytes, p.totalBytes, `${p.records} records, ${p.file}`),
    });
    bar.stop();
    console.log(formatSummary(summary));
  } finally {
    bar.stop();
    await store.close();
  }
  // The HTTP import links subjects (and runs its other after-import steps) after writing: so does this.
  if (summary.written > 0 && config.importLinks) {
    for (const o of await runAfterImport(config)) {
      if (o.error) console.error(`libkg import: warning: ${o.step} failed after the records were written: ${o.error}`);
      else console.log(`${o.step}: ${JSON.stringify(o.result)}`);
    }
  }
  if (unrecognised.length) {
    console.error(`libkg import: format not recognised: ${unrecognised.join(', ')}\n  name one with --format, one of: ${FORMATS.join(', ')}`);
    return 3;
  }
  return values.strict && summary.rejected > 0 ? 3 : 0;
}
