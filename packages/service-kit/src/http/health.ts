import type { Router } from 'express';
import { Router as createRouter } from 'express';
import { problemOf } from '../problem/problem';
import { sendProblem } from './error-handler';

/** A dependency check for `/readyz`: resolve (or return) when reachable, throw or return false when not. */
export interface ReadinessCheck {
  name: string;
  check: () => unknown;
  /** How long the check may take before it counts as failed; 2 s by default. */
  timeoutMs?: number;
}

export interface ReadinessResult {
  ready: boolean;
  failed: string[];
}

async function passes(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), check.timeoutMs ?? 2000);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(check.check), timeout]);
    return outcome !== false;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check concurrently and names the ones that failed. */
export async function runReadiness(checks: readonly ReadinessCheck[]): Promise<ReadinessResult> {
  const outcomes = await Promise.all(checks.map(passes));
  const failed = checks.filter((_, i) => !outcomes[i]).map((c) => c.name);
  return { ready: failed.length === 0, failed };
}

/**
 * `/healthz`: the process is alive (no dependency checks — a restart would not fix a dead database).
 * `/readyz`: every dependency answers and we are not draining; otherwise 503 naming what failed.
 */
export function healthRoutes(
  service: string,
  checks: readonly ReadinessCheck[],
  isDraining: () => boolean,
): Router {
  const router = createRouter();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'alive', service });
  });
  router.get('/readyz', async (req, res) => {
    if (isDraining()) {
      sendProblem(
        req,
        res,
        problemOf('unavailable', { detail: 'shutting down', extensions: { failed: [] } }),
      );
      return;
    }
    const result = await runReadiness(checks);
    if (result.ready) {
      res.json({ status: 'ready', checks: checks.map((c) => c.name) });
      return;
    }
    sendProblem(
      req,
      res,
      problemOf('unavailable', {
        detail: `not ready: ${result.failed.join(', ')}`,
        extensions: { failed: result.failed },
      }),
    );
  });
  return router;
}
