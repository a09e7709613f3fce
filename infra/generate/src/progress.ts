import type { Progress } from './generate';

/**
 * Progress on stderr: a redrawn line on a terminal; elsewhere (CI, logs) one JSON line at most every 5 s.
 * Wall time is fine here: this is infra, and it never reaches the events.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): (p: Progress) => void {
  const started = performance.now();
  let lastJson = 0;
  return (p) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = Math.round(p.events / Math.max(seconds, 0.001));
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((p.unitsDone / p.units) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      stream.write(
        `\r${bar} ${p.unitsDone}/${p.units} units  ${p.events.toLocaleString('en')} events  ${rate}/s   `,
      );
      if (p.unitsDone === p.units) stream.write('\n');
    } else if (seconds - lastJson >= 5 || p.unitsDone === p.units) {
      lastJson = seconds;
      stream.write(
        `${JSON.stringify({ progress: p.unitsDone / p.units, ...p, seconds: Math.round(seconds), eventsPerSecond: rate })}\n`,
      );
    }
  };
}
