/** Structured logger shape (pino-compatible subset). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Counter sink; wire it to OpenTelemetry metrics in the service. The kit also keeps its own totals. */
export interface Metrics {
  increment(name: string, by?: number, labels?: Record<string, string | number>): void;
}

export class CounterSet implements Metrics {
  readonly totals = new Map<string, number>();
  constructor(private readonly downstream?: Metrics) {}
  increment(name: string, by = 1, labels?: Record<string, string | number>): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + by);
    this.downstream?.increment(name, by, labels);
  }
  get(name: string): number {
    return this.totals.get(name) ?? 0;
  }
}
