export interface BackoffPolicy {
  /** Total attempts including the first. */
  attempts: number;
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 5, initialMs: 50, maxMs: 5000 };

/** Delay before retry number `retry` (1-based): doubling from initialMs, capped. */
export function backoffDelay(policy: Pick<BackoffPolicy, 'initialMs' | 'maxMs'>, retry: number): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, retry - 1));
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

/** Runs `fn` until it succeeds or the attempts run out (the last error is thrown); `onRetry` sees each failure. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: BackoffPolicy,
  sleep: Sleep = realSleep,
  onRetry?: (err: unknown, attempt: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= policy.attempts) throw err;
      onRetry?.(err, attempt);
      await sleep(backoffDelay(policy, attempt));
    }
  }
}
