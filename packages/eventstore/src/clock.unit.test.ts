import { ManualClock } from './clock';

describe('ManualClock', () => {
  it('moves only when told and dates today() in UTC+8 by default', () => {
    const c = new ManualClock('2026-03-01T15:59:59Z');
    expect(c.today()).toBe('2026-03-01');
    c.advance(1000);
    expect(c.now().toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(c.today()).toBe('2026-03-02');
    expect(new ManualClock('2026-03-01T16:00:00Z', 0).today()).toBe('2026-03-01');
  });
});
