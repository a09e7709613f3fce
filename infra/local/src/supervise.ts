import type { RunningChild } from './child';

/** Restart delays: 0.5 s doubling to 10 s; back to 0.5 s once a process has stayed up a minute. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** A process that ran this long before it died counts as healthy: the next delay starts over. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000, resetAfterMs: 60_000 };

/** The delay before restart number `attempt` (1-based) of a run of quick crashes. */
export function restartDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempt - 1));
}

export interface SupervisorOptions {
  name: string;
  /** Starts the process on `port` and resolves once it reports listening. */
  start(port: number): Promise<RunningChild>;
  log(line: string): void;
  backoff?: Backoff;
  /** Called after each successful restart (tests wait on it). */
  onRestart?(child: RunningChild, restarts: number): void;
}

/**
 * Keeps one service process running (finding 10: a killed service stayed down). When the process exits without
 * being asked to, it is started again on the same port after a growing delay, and the runner says so. A start
 * that fails (the process exits before it listens) counts as another quick crash.
 */
export class Supervisor {
  private child: RunningChild;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private quickCrashes = 0;
  private startedAt = performance.now();
  restarts = 0;

  private constructor(
    private readonly o: SupervisorOptions,
    first: RunningChild,
    readonly port: number,
  ) {
    this.child = first;
    this.watch(first);
  }

  static async start(o: SupervisorOptions, port: number): Promise<Supervisor> {
    const first = await o.start(port);
    return new Supervisor(o, first, first.port);
  }

  get current(): RunningChild {
    return this.child;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.child.stop();
  }

  private watch(child: RunningChild): void {
    child.process.once('exit', (code, signal) => {
      if (this.stopping || child !== this.child) return;
      const upMs = performance.now() - this.startedAt;
      this.schedule(`exited (${signal ? `signal ${signal}` : `code ${code}`}) after ${seconds(upMs)}`, upMs);
    });
  }

  private schedule(why: string, upMs: number): void {
    const backoff = this.o.backoff ?? DEFAULT_BACKOFF;
    this.quickCrashes = upMs >= backoff.resetAfterMs ? 1 : this.quickCrashes + 1;
    const delay = restartDelay(this.quickCrashes, backoff);
    this.o.log(`[runner] ${this.o.name} ${why}; restarting in ${seconds(delay)}`);
    this.timer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    this.startedAt = performance.now();
    try {
      const child = await this.o.start(this.port);
      if (this.stopping) return void (await child.stop());
      this.child = child;
      this.restarts++;
      this.watch(child);
      this.o.log(`[runner] ${this.o.name} restarted (restart #${this.restarts}) on port ${child.port}`);
      this.o.onRestart?.(child, this.restarts);
    } catch (err) {
      this.schedule(`failed to start again: ${(err as Error).message}`, 0);
    }
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
