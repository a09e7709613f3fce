import type { RecordedEvent } from '../types';
import { RecentAppends } from './recent-appends';

const at = (position: number): RecordedEvent =>
  ({ position, streamId: `s-${position}`, data: { n: position } }) as unknown as RecordedEvent;
const positions = (events: RecordedEvent[] | undefined) => events?.map((e) => e.position);

describe('RecentAppends: what a store object appended last, answered only without holes', () => {
  it('answers the run after a position up to a bound, and at most `limit` of it', () => {
    const recent = new RecentAppends();
    recent.add([at(4), at(5)]);
    recent.add([at(6)]);
    expect(recent.latest).toBe(6);
    expect(positions(recent.after(3, 6))).toEqual([4, 5, 6]);
    expect(positions(recent.after(4, 6))).toEqual([5, 6]);
    expect(positions(recent.after(3, 5))).toEqual([4, 5]);
    expect(positions(recent.after(3, 6, 2))).toEqual([4, 5]);
  });

  it('answers undefined over a hole (another process took the position) or before what it holds', () => {
    const recent = new RecentAppends();
    recent.add([at(10), at(11)]);
    recent.add([at(13)]); // 12 is another replica's
    expect(recent.after(9, 11)).toBeDefined();
    expect(recent.after(9, 13)).toBeUndefined();
    expect(recent.after(11, 13)).toBeUndefined();
    expect(positions(recent.after(12, 13))).toEqual([13]);
    expect(recent.after(5, 11)).toBeUndefined(); // 6..9 were never held
    expect(recent.after(13, 13)).toBeUndefined(); // nothing after the reader
  });

  it('keeps copies (the appender folds its own objects on), and drops the oldest past its capacity', () => {
    const recent = new RecentAppends(3);
    const two = at(2);
    recent.add([at(1), two, at(3), at(4)]);
    (two.data as { n: number }).n = 99;
    expect(recent.after(0, 4)).toBeUndefined(); // 1 was dropped past capacity
    const held = recent.after(1, 4)!;
    expect(held.map((e) => (e.data as { n: number }).n)).toEqual([2, 3, 4]);
    recent.add([at(5)]);
    expect(recent.after(1, 5)).toBeUndefined(); // 2 was dropped too
    expect(positions(recent.after(2, 5))).toEqual([3, 4, 5]);
  });
});
