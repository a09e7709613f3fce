import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { type Clock, clockFrom, systemClock } from './clock';
import { parseDuration } from './duration';
import { peiyuHome } from '../paths';

/**
 * Local mode's movable clock: real time plus an offset kept in a small JSON file that every service process
 * reads, so advancing it in one process (the `clock` CLI) moves time for the whole local stack — that is how a
 * 10-working-day public notice is demonstrated without waiting two weeks.
 */
// The offset may be negative only when a stack was started at a pinned instant in the past (tests, demos
// replayed on a known date); `advanceSharedClock` itself only ever moves time forward.
const ClockFile = z.object({ offsetMs: z.number().int() });

/** `<repo>/.peiyu/clock.json`, or `PEIYU_CLOCK_FILE`. */
export function defaultClockFile(env: NodeJS.ProcessEnv = process.env): string {
  return env['PEIYU_CLOCK_FILE'] ?? join(peiyuHome(env), 'clock.json');
}

/** The offset stored in `file` (0 when the file does not exist yet). */
export function readClockOffset(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = ClockFile.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: not a clock file (expected {"offsetMs": <int>})`);
  return parsed.data.offsetMs;
}

/** Replaces the file atomically (write + rename) so a reader never sees half a file. */
export function writeClockOffset(file: string, offsetMs: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, JSON.stringify({ offsetMs }) + '\n');
  renameSync(tmp, file);
}

/** Moves the shared clock forward by `duration` (e.g. `15d`); returns the new offset in milliseconds. */
export function advanceSharedClock(file: string, duration: string | number): number {
  const by = typeof duration === 'number' ? duration : parseDuration(duration);
  if (!Number.isSafeInteger(by) || by <= 0) throw new RangeError('the shared clock only moves forward');
  const offset = readClockOffset(file) + by;
  writeClockOffset(file, offset);
  return offset;
}

/**
 * Pins where a new local stack's clock starts: `at` becomes "now" for every process reading `file`, and time
 * runs on from there. For tests and scripted demos, so what they show does not depend on the day they run.
 * Refuses to move an existing clock backwards: recorded events must never appear to precede earlier ones.
 */
export function startSharedClockAt(file: string, at: Date, base: Clock = systemClock): number {
  const offset = at.getTime() - base.now().getTime();
  const current = readClockOffset(file);
  if (statSync(file, { throwIfNoEntry: false }) && offset < current) {
    throw new RangeError(`${file}: the shared clock already reads later than ${at.toISOString()}`);
  }
  writeClockOffset(file, offset);
  return offset;
}

/** Puts the shared clock back to real time. */
export function resetSharedClock(file: string): void {
  writeClockOffset(file, 0);
}

export interface SharedClockOptions {
  file: string;
  /** The clock the offset is added to; the system clock unless a test pins it. */
  base?: Clock;
}

/**
 * A Clock reading the offset file. The file is re-read only when its identity changes (inode — writes are
 * renames — or mtime), so a `now()` costs one stat call.
 */
export function sharedClock({ file, base = systemClock }: SharedClockOptions): Clock {
  let seen = '';
  let offset = 0;
  const currentOffset = (): number => {
    const st = statSync(file, { throwIfNoEntry: false });
    const stamp = st ? `${st.ino}:${st.mtimeMs}:${st.size}` : 'absent';
    if (stamp !== seen) {
      offset = st ? readClockOffset(file) : 0;
      seen = stamp;
    }
    return offset;
  };
  const clock = clockFrom(() => base.now().getTime() + currentOffset());
  TOKEN_TIME.set(clock, base);
  return clock;
}

/** Shared clocks → the real time they are offset from. */
const TOKEN_TIME = new WeakMap<Clock, Clock>();

/**
 * The time tokens are minted and checked in: for the shared local clock, the real time under it; any other
 * clock is its own. A token's lifetime is a security property of real time, while the movable clock is business
 * time, so `npm run clock -- --advance 40d` expires no token: a token minted before the move keeps working for
 * the rest of its (real) lifetime, and one minted after is not "issued in the future" for an unmoved process.
 */
export function tokenTimeOf(clock: Clock): Clock {
  return TOKEN_TIME.get(clock) ?? clock;
}
