import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tempDir } from '../test-support';
import { fixedClock, manualClock, shanghaiDate } from './clock';
import { parseDuration } from './duration';
import {
  advanceSharedClock,
  readClockOffset,
  resetSharedClock,
  sharedClock,
  startSharedClockAt,
} from './shared-clock';

const DAY = 86_400_000;

describe('clocks', () => {
  it('today() is the Asia/Shanghai calendar date', () => {
    expect(fixedClock('2026-11-22T15:59:59Z').today()).toBe('2026-11-22');
    expect(fixedClock('2026-11-22T16:00:00Z').today()).toBe('2026-11-23'); // midnight in Beijing
    expect(shanghaiDate(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
  });

  it('fixed and manual clocks', () => {
    const fixed = fixedClock('2026-01-01T00:00:00Z');
    expect(fixed.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const manual = manualClock('2026-01-01T00:00:00Z');
    manual.advance(DAY);
    expect(manual.now().toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(() => fixedClock('yesterday')).toThrow(RangeError);
  });

  it.each([
    ['15d', 15 * DAY],
    ['8h', 8 * 3_600_000],
    ['90m', 90 * 60_000],
    ['1d12h', 1.5 * DAY],
    ['2w', 14 * DAY],
    ['250ms', 250],
  ])('parseDuration(%s)', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '15', 'd', '-1d', '1.5d', '0d', '3 days'])('parseDuration rejects "%s"', (text) => {
    expect(() => parseDuration(text)).toThrow(RangeError);
  });
});

describe('shared local clock', () => {
  const base = fixedClock('2026-03-01T00:00:00Z');

  it('advancing through one instance moves every instance reading the same file', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'nested', 'clock.json');
      const serviceA = sharedClock({ file, base });
      const serviceB = sharedClock({ file, base });
      expect(serviceA.today()).toBe('2026-03-01'); // no file yet: real time
      expect(advanceSharedClock(file, '15d')).toBe(15 * DAY);
      expect(serviceA.now().toISOString()).toBe('2026-03-16T00:00:00.000Z');
      expect(serviceB.today()).toBe('2026-03-16');
      advanceSharedClock(file, '1d');
      expect(serviceB.today()).toBe('2026-03-17');
      expect(serviceA.today()).toBe('2026-03-17');
      resetSharedClock(file);
      expect(serviceA.today()).toBe('2026-03-01');
    } finally {
      tmp.cleanup();
    }
  });

  it('only moves forward and rejects a corrupt file', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'clock.json');
      expect(() => advanceSharedClock(file, -DAY)).toThrow(/forward/);
      expect(() => advanceSharedClock(file, 'soon')).toThrow(RangeError);
      expect(readClockOffset(file)).toBe(0);
      writeFileSync(file, '{"offsetMs": "lots"}');
      expect(() => sharedClock({ file, base }).now()).toThrow(/not a clock file/);
      writeFileSync(file, '{"offsetMs": 1');
      expect(() => sharedClock({ file, base }).now()).toThrow(/not a clock file/);
    } finally {
      tmp.cleanup();
    }
  });

  it('starts a new stack at a pinned instant (past or future) and never moves an existing one back', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'clock.json');
      const service = sharedClock({ file, base });
      expect(startSharedClockAt(file, new Date('2025-09-26T01:00:00Z'), base)).toBeLessThan(0);
      expect(service.now().toISOString()).toBe('2025-09-26T01:00:00.000Z');
      expect(service.today()).toBe('2025-09-26');
      advanceSharedClock(file, '2d');
      expect(service.today()).toBe('2025-09-28');
      expect(() => startSharedClockAt(file, new Date('2025-09-27T00:00:00Z'), base)).toThrow(
        /already reads later/,
      );
      expect(service.today()).toBe('2025-09-28');
    } finally {
      tmp.cleanup();
    }
  });
});
