/**
 * The clock port. Services and domain code ask a Clock for time instead of calling Date.now(), so tests pin
 * time and local mode can move it forward (shared-clock.ts).
 */
export interface Clock {
  now(): Date;
  /** The calendar date in Asia/Shanghai, `YYYY-MM-DD`: deadlines are counted in Chinese calendar days. */
  today(): string;
}

// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for every date we handle
// and avoids depending on the ICU time-zone data of the runtime.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of an instant as seen in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Builds a Clock from a function returning epoch milliseconds. */
export function clockFrom(nowMs: () => number): Clock {
  return {
    now: () => new Date(nowMs()),
    today: () => shanghaiDate(new Date(nowMs())),
  };
}

/** The real clock (production). */
export const systemClock: Clock = clockFrom(() => new Date().getTime());

function parseInstant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: "${iso}"`);
  return ms;
}

/** A clock stopped at one instant (tests). */
export function fixedClock(iso: string): Clock {
  const ms = parseInstant(iso);
  return clockFrom(() => ms);
}

/** A clock a test moves by hand: `advance(ms)`, `set(iso)`. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(iso: string): void;
}

export function manualClock(iso: string): ManualClock {
  let ms = parseInstant(iso);
  return {
    ...clockFrom(() => ms),
    advance: (by) => {
      ms += by;
    },
    set: (to) => {
      ms = parseInstant(to);
    },
  };
}
