/**
 * The layer rules (.dependency-cruiser.cjs, docs/architecture.md) run by `npm run lint:deps`: dependency-cruiser with the
 * project's own config, over a scratch tree that breaks each rule once next to imports the rules allow.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DEPCRUISE = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const root = mkdtempSync(join(tmpdir(), 'libkg-layer-rules-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** path → imports; each import is written as the project writes it (relative, `.js`). */
const TREE: Record<string, string[]> = {
  'src/errors.ts': [],
  'src/app.ts': ['./http/a/index.js', './http/kit/k.js'],
  'src/store/port.ts': ['../errors.js'],
  'src/store/s.ts': ['../http/kit/k.js'],
  'src/rdf/x.ts': ['./y.js'],
  'src/rdf/y.ts': ['./x.js'],
  'src/ingest/i.ts': ['../cli/c.js', '../store/port.js'],
  'src/jobs/j.ts': ['../http/kit/k.js', '../cli/c.js', '../ingest/i.js'],
  'src/cli/c.ts': ['../http/a/index.js', '../app.js'],
  'src/http/kit/k.ts': ['../../errors.js', '../../store/port.js'],
  'src/http/kit/bad.ts': ['../b/index.js'],
  'src/http/a/index.ts': ['../kit/k.js', './part.js', '../b/index.js', '../../store/port.js'],
  'src/http/a/part.ts': ['../../errors.js'],
  'src/http/b/index.ts': ['oxigraph'],
  'src/store/analytical/a.ts': ['@duckdb/node-api', '../port.js'],
  'src/store/t.ts': ['./analytical/a.js', '@duckdb/node-api'],
  'src/cli/open-store.ts': ['../store/analytical/a.js'],
  'bin/tool.js': ['../dist/cli/main.js', '../src/errors.js'],
};

function writeTree(): void {
  for (const [path, imports] of Object.entries(TREE)) {
    mkdirSync(join(root, dirname(path)), { recursive: true });
    writeFileSync(join(root, path), `${imports.map((m, i) => `import * as m${i} from '${m}';\nconsole.log(m${i});\n`).join('')}export const here = 1;\n`);
  }
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowJs: true } }));
  // Resolved like the project's own imports (oxigraph is found in node_modules).
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
}

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

async function cruise(): Promise<Violation[]> {
  const args = [DEPCRUISE, 'src', 'bin', '--config', join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'json'];
  // Exit code = number of errors: read the report either way.
  const out = await run(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string }) => e);
  return (JSON.parse(out.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('layer rules (npm run lint:deps)', () => {
  it('flag each forbidden import and nothing the layers allow', async () => {
    writeTree();
    const violations = await cruise();
    const modules = violations
      .filter((v) => v.rule.name !== 'no-folder-cycles' && v.rule.name !== 'no-module-cycles')
      .map((v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`)
      .sort();
    expect(modules).toEqual(
      [
        'bin-only-calls-cli-main: bin/tool.js -> src/errors.ts',
        'data-below-services: src/ingest/i.ts -> src/cli/c.ts',
        'http-and-jobs-not-cli: src/jobs/j.ts -> src/cli/c.ts',
        'infrastructure-is-the-floor: src/store/s.ts -> src/http/kit/k.ts',
        'jobs-not-http: src/jobs/j.ts -> src/http/kit/k.ts',
        'kit-imports-no-surface: src/http/kit/bad.ts -> src/http/b/index.ts',
        'no-surface-imports-another: src/http/a/index.ts -> src/http/b/index.ts',
        'oxigraph-only-in-store: src/http/b/index.ts -> node_modules/oxigraph/node.js',
        'surfaces-registered-in-app: src/cli/c.ts -> src/http/a/index.ts',
        'analytical-behind-the-seam: src/store/t.ts -> src/store/analytical/a.ts',
        'duckdb-only-in-analytical: src/store/t.ts -> node_modules/@duckdb/node-api/lib/index.js',
      ].sort(),
    );
    // A cycle is reported once, from one of its files.
    const moduleCycles = violations.filter((v) => v.rule.name === 'no-module-cycles');
    expect(moduleCycles.map((v) => [v.from, ...(v.cycle ?? []).map((c) => c.name)].sort())).toEqual([['src/rdf/x.ts', 'src/rdf/x.ts', 'src/rdf/y.ts']]);
    // store -> http/kit and http/kit -> store make a folder cycle; nothing else does (a folder counts with its subfolders).
    const folderCycles = violations.filter((v) => v.rule.name === 'no-folder-cycles');
    expect(folderCycles.length).toBeGreaterThan(0);
    for (const v of folderCycles) expect([v.from, ...(v.cycle ?? []).map((c) => c.name)].sort()).toEqual(expect.arrayContaining(['src/http/kit', 'src/store']));
  }, 60_000);
});
