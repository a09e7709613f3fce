import { v7 } from 'uuid';

/**
 * UUID v7: time-ordered, so ids sort roughly in recording order. The caller passes the clock's time;
 * without it the generator falls back to its own (only acceptable outside domain code).
 */
export function newEventId(at?: Date): string {
  return at ? v7({ msecs: at.getTime() }) : v7();
}
