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
  /**
   * @param utcOffsetMinutes zone of `today()`; default UTC+8 (China keeps it all year), as service-kit's clock.
   */
  constructor(
    start: Date | string,
    private readonly utcOffsetMinutes = 480,
  ) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  today(): string {
    return new Date(this.current.getTime() + this.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
}
