import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, total?: number, label?: string): void;
  stop(): void;
}

/** A progress bar on a TTY; silence elsewhere (logs and CI stay clean). */
export function progressBar(unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: `{bar} {percentage}% | {value}/{total} ${unit} | {label}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(value, total, label = '') {
      if (!started) {
        bar.start(total ?? value, value, { label });
        started = true;
      }
      if (total !== undefined) bar.setTotal(total);
      bar.update(value, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
