/**
 * `npm run bench`: lists the benches; `npm run bench -- <name> [args]` runs one
 * (with the README's arguments when none are given); `npm run bench -- all`
 * runs, one after another, every bench that needs nothing outside this
 * checkout. Figures are printed by each bench; nothing here is timed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCHES, type Bench } from './catalog.js';

const command = (b: Bench, args = b.args) => ['npx tsx', `bench/${b.name}.ts`, ...args].join(' ');

function list(): string {
  const width = Math.max(...BENCHES.map((b) => b.name.length)) + 2;
  const pad = ' '.repeat(width);
  const lines = [
    'Benches (bench/*.ts); each prints its own table. Run one with `npm run bench -- <name> [args]`,',
    'or every one that needs nothing else with `npm run bench -- all` (long: store-load, marc-stream, engine-ceiling).',
    '',
  ];
  for (const b of BENCHES) lines.push(`${b.name.padEnd(width)}${b.what}`, ...(b.needs ? [`${pad}needs ${b.needs}`] : []), `${pad}${command(b)}`);
  return `${lines.join('\n')}\n`;
}

function runOne(b: Bench, args: string[]): number {
  console.log(`\n== ${command(b, args)}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, `${b.name}.ts`), ...args], { stdio: 'inherit' });
  return r.status ?? 1;
}

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') process.stdout.write(list());
else if (name === 'all') {
  const results = BENCHES.filter((b) => !b.needs).map((b) => [b.name, runOne(b, b.args)] as const);
  console.log(`\n${results.map(([n, code]) => `${n}: ${code === 0 ? 'ok' : `exit ${code}`}`).join('\n')}`);
  process.exitCode = results.some(([, code]) => code !== 0) ? 1 : 0;
} else {
  const bench = BENCHES.find((b) => b.name === name);
  if (!bench) {
    console.error(`unknown bench "${name}"; one of: ${BENCHES.map((b) => b.name).join(', ')}, or all`);
    process.exitCode = 2;
  } else process.exitCode = runOne(bench, rest.length ? rest : bench.args);
}
