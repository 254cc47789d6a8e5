/**
 * Link discovery at scale: N × N synthetic persons (bench/gen-persons.ts) through
 * matchEntities with bench/link-persons.yaml. Prints the blocking reduction ratio,
 * pairs completeness (true pairs among the candidates), comparisons/s, wall time,
 * CPU time and peak RSS. Targets (issue 13): ≥ 99.9 %, ≥ 99 %, < 60 s for 100k × 100k.
 *   npx tsx bench/link-persons.ts [--n 100000] [--seed 13]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { candidatePairs } from '../src/links/block/candidates.js';
import { matchEntities } from '../src/links/engine/index.js';
import { prepareValues } from '../src/links/engine/prepare.js';
import { parseLinkSpec } from '../src/links/spec/parse.js';
import { generatePersons } from './gen-persons.js';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '100000' }, seed: { type: 'string', default: '13' } } });
const n = Number(args.n);
const specFile = new URL('./link-persons.yaml', import.meta.url).pathname;
const spec = parseLinkSpec(readFileSync(specFile, 'utf8'), 'bench/link-persons.yaml');
const { catalogue, authority } = generatePersons(n, Number(args.seed));
// Values are read by path: every value whose path is foaf:name gets the name (as linkgraph reads them).
for (const e of [...catalogue, ...authority]) for (const [name, v] of Object.entries(spec.values)) if (v.path.includes('name')) e.values[name] = e.values.name!;
const truth = (s: string, t: string) => s.slice(s.indexOf(':') + 1) === t.slice(t.indexOf(':') + 1);

const wall0 = performance.now();
const cpu0 = process.cpuUsage();
const result = matchEntities(spec, catalogue, authority);
const wall = (performance.now() - wall0) / 1000;
const cpu = process.cpuUsage(cpu0);
const rssAfterMatch = process.resourceUsage().maxRSS;

// Pairs completeness needs the candidate list itself: blocking once more, outside the timed run.
const prepared = prepareValues(spec, catalogue, authority, false);
const cands = candidatePairs(spec.blocking, n, n, false, (v, side, i) => prepared[side].get(v)![i]!);
let truePairs = 0;
for (let i = 0; i < n; i++)
  for (let p = cands.offsets[i]!; p < cands.offsets[i + 1]!; p++) if (truth(catalogue[i]!.iri, authority[cands.targets[p]!]!.iri)) truePairs++;
const accepted = result.pairs.filter((p) => p.status === 'accepted');
const tp = accepted.filter((p) => truth(p.source, p.target)).length;

const pct = (x: number) => `${(x * 100).toFixed(3)} %`;
console.log(`persons: ${n} × ${n} (seed ${args.seed})`);
console.log(`candidates: ${result.stats.candidates}  reduction ratio: ${pct(result.stats.reductionRatio)}  pairs completeness: ${pct(truePairs / n)}`);
console.log(
  `comparisons/s: ${Math.round(result.stats.compared / result.stats.seconds)}  wall: ${wall.toFixed(1)} s  CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
);
console.log(`accepted links: ${accepted.length}  precision: ${(tp / accepted.length).toFixed(4)}  recall: ${(tp / n).toFixed(4)}`);
console.log(
  `peak RSS: ${Math.round(rssAfterMatch / 1024)} MB through the run (generated persons included), ` +
    `${Math.round(process.resourceUsage().maxRSS / 1024)} MB with the completeness check  load average: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
