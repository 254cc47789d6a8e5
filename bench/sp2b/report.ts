/** Tables of the figures: to the terminal and to bench/results/sparql-vs-virtuoso.md. */
import type { QueryFigures, Throughput } from './measure.js';

export interface SystemRun {
  name: string;
  /** Figures copied from an earlier run of the same size (the other system was not rerun). */
  borrowed?: boolean;
  loadSeconds: number;
  loadNote?: string;
  /** The machine's 1-minute load average (`uptime`) when this system's queries started and ended. */
  machineLoad?: [number, number];
  queries: QueryFigures[];
  throughput?: Throughput;
}

export interface SizeRun {
  triples: number;
  label?: string;
  /** Hand-written remarks kept with the figures (e.g. conditions of the run). */
  notes?: string[];
  date: string;
  machine: string;
  settings: string;
  systems: SystemRun[];
  mix: string[];
}

const fmtMs = (f?: QueryFigures): string => {
  if (!f) return '–';
  if (f.medianMs !== undefined) return f.medianMs < 10 ? f.medianMs.toFixed(2) : f.medianMs < 100 ? f.medianMs.toFixed(1) : Math.round(f.medianMs).toString();
  return f.timedOut ? 'timeout' : 'error';
};

export function geoMean(xs: number[]): number {
  return xs.length ? Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length) : Number.NaN;
}

/** Markdown for one size: per-query medians, ratio libkg/Virtuoso, geometric mean, throughput. */
export function sizeSection(run: SizeRun): string {
  const lib = run.systems.find((s) => s.name === 'libkg');
  const virt = run.systems.find((s) => s.name === 'virtuoso');
  const ids = (lib ?? virt)?.queries.map((q) => q.id) ?? [];
  const ratios: number[] = [];
  // Runs since the first-run time was recorded show it (libkg's per-sequence statistics are paid there).
  const firsts = run.systems.some((s) => s.queries.some((q) => q.firstMs !== undefined));
  const first = (f?: QueryFigures) => (f?.firstMs === undefined ? '–' : fmtMs({ ...f, medianMs: f.firstMs }));
  const lines = [
    `### ${run.triples.toLocaleString('en-US')} triples${run.label ? ` (${run.label})` : ''}`,
    '',
    `${run.date}; ${run.machine}; ${run.settings}`,
    '',
    ...(virt?.borrowed ? ['Virtuoso figures: from the unlabelled run of this size.', ''] : []),
    `Load: libkg ${lib ? `${lib.loadSeconds.toFixed(1)} s (${lib.loadNote ?? 'libkg import + start'})` : '–'}, Virtuoso ${virt ? `${virt.loadSeconds.toFixed(1)} s (${virt.loadNote ?? 'ld_dir + rdf_loader_run + checkpoint'})` : '–'}`,
    ...(lib?.machineLoad || virt?.machineLoad
      ? [
          '',
          `Machine load average (1 min, start → end of the queries): ${[lib, virt]
            .filter((s) => s?.machineLoad)
            .map((s) => `${s?.name} ${s?.machineLoad?.map((x) => x.toFixed(2)).join(' → ')}`)
            .join(', ')}`,
        ]
      : []),
    '',
    `| query | libkg ms | Virtuoso ms | libkg/Virtuoso | rows libkg | rows Virtuoso |${firsts ? ' libkg first run ms | Virtuoso first run ms |' : ''}`,
    `|---|---:|---:|---:|---:|---:|${firsts ? '---:|---:|' : ''}`,
  ];
  const notes: string[] = [];
  for (const id of ids) {
    const a = lib?.queries.find((q) => q.id === id);
    const b = virt?.queries.find((q) => q.id === id);
    let ratio = '–';
    if (a?.medianMs !== undefined && b?.medianMs !== undefined) {
      const r = a.medianMs / Math.max(b.medianMs, 0.01);
      ratios.push(r);
      ratio = r < 10 ? r.toFixed(2) : r.toFixed(0);
    }
    const mismatch = a?.rows !== undefined && b?.rows !== undefined && a.rows !== b.rows ? ' ⚠' : '';
    if (mismatch) notes.push(`${id}: row counts differ (libkg ${a?.rows}, Virtuoso ${b?.rows})`);
    for (const [n, f] of [
      ['libkg', a],
      ['Virtuoso', b],
    ] as const) {
      if (f?.error && !f.timedOut) notes.push(`${id} on ${n}: ${f.error.slice(0, 200)}`);
      if (f?.recoverySeconds && f.recoverySeconds >= 1)
        notes.push(`${id} on ${n}: back at full strength ${f.recoverySeconds.toFixed(0)} s after the ${f.timedOut ? 'timeout' : 'error'} (engine rebuilt)`);
    }
    if (a?.rows === undefined && a?.medianMs !== undefined)
      notes.push(`${id}: libkg's answer (${((a.bytes ?? 0) / 2 ** 20).toFixed(0)} MiB) was too large for the bench to count its rows`);
    if (b?.rows === 1048576) notes.push(`${id}: Virtuoso stopped at 1,048,576 rows (its result cap), so its answer is incomplete and its time not comparable`);
    lines.push(
      `| ${id} | ${fmtMs(a)} | ${fmtMs(b)} | ${ratio} | ${a?.rows ?? '–'} | ${b?.rows ?? '–'}${mismatch} |${firsts ? ` ${first(a)} | ${first(b)} |` : ''}`,
    );
  }
  lines.push('', `Geometric mean of libkg/Virtuoso over the ${ratios.length} queries both answered: **${geoMean(ratios).toFixed(2)}**`);
  const tp = (s?: SystemRun) =>
    s?.throughput
      ? `${s.throughput.qps.toFixed(1)} queries/s (${s.throughput.completed} in ${s.throughput.seconds.toFixed(0)} s, ${s.throughput.errors} errors)`
      : '–';
  lines.push(
    '',
    `Throughput, ${lib?.throughput?.clients ?? virt?.throughput?.clients ?? 8} concurrent clients over the interactive mix (${run.mix.join(', ')}):`,
    '',
  );
  lines.push(`- libkg: ${tp(lib)}`, `- Virtuoso: ${tp(virt)}`);
  if (run.notes?.length) notes.push(...run.notes);
  if (notes.length) lines.push('', 'Notes:', '', ...notes.map((n) => `- ${n}`));
  return lines.join('\n');
}
