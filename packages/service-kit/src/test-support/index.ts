import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../http/logging';

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'service-kit-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A logger whose JSON lines are kept in memory for assertions: `records` fills as lines are written (a live
 * array), `lines()` returns them too. `keep: false` drops every line (long fuzz runs).
 */
export function capturingLogger(
  name = 'test',
  o: { level?: string; keep?: boolean } = {},
): { logger: Logger; records: Record<string, unknown>[]; lines: () => Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (o.keep !== false)
        for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) records.push(JSON.parse(l));
      done();
    },
  });
  const logger = createLogger(name, { level: o.level ?? 'debug' }, sink);
  return { logger, records, lines: () => records };
}
