import { loadavg } from 'node:os';

/**
 * One benchmark figure as a JSON line on stdout (`npm run bench`). The machine is shared: every line carries
 * the load average it was measured under (1/5/15 min) and this process's peak RSS so far, so a figure is never
 * read without its conditions.
 */
export function emitBenchLine(metric: string, value: unknown, extra: Record<string, unknown> = {}): void {
  const line = {
    metric,
    value,
    ...extra,
    loadavg: loadavg().map((l) => Number(l.toFixed(2))),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
