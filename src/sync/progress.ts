/**
 * How a sync shows its progress: a bar with rate and ETA on a terminal, a plain
 * line every few seconds otherwise (logs, CI), nothing with --json.
 */
import cliProgress from 'cli-progress';
import type { SyncProgress } from './sync.js';

export interface ProgressView {
  update(progress: SyncProgress): void;
  stop(): void;
}

export function progressView(mode: 'bar' | 'lines' | 'none', stream: NodeJS.WriteStream = process.stderr): ProgressView {
  if (mode === 'none') return { update() {}, stop() {} };
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));

  if (mode === 'lines') {
    let last = 0;
    return {
      update({ rowsDone, bytesRead, totalBytes }) {
        if (Date.now() - last < 5000) return;
        last = Date.now();
        const percent = totalBytes ? Math.floor((100 * bytesRead) / totalBytes) : 100;
        stream.write(`synced ${rowsDone} rows (${percent}% of the file, ${rate(rowsDone)} rows/s)\n`);
      },
      stop() {},
    };
  }

  // The file's size is known up front, the number of rows is not: progress is by bytes read.
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'sync |{bar}| {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let begun = false;
  return {
    update({ rowsDone, bytesRead, totalBytes }) {
      if (!begun) bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rate: 0 });
      begun = true;
      bar.update(bytesRead, { rows: rowsDone, rate: rate(rowsDone) });
    },
    stop() {
      if (begun) bar.stop();
    },
  };
}
