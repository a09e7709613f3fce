/**
 * The clock port. Structurally identical to service-kit's `Clock`, declared here so the kit does not force a
 * service-kit version on its callers; any object with these two methods fits.
 */
export interface Clock {
  now(): Date;
  /** The calendar date of `now()` in the service's zone, `YYYY-MM-DD`. */
  today(): string;
}

/** A clock that advances only when told to: tests and replays never read the wall clock. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  today(): string {
    return this.current.toISOString().slice(0, 10);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
}
