import { linkHash } from '../hash/chain';
import type { RecordedEvent } from '../types';

/**
 * What an attacker with write access to the store can do, as pure edits of a stream's stored records (in
 * version order). Each returns the records to write back and the head record they would leave.
 */
export const tamper = {
  /** One byte of one event's data changed, nothing else. */
  editByte(events: RecordedEvent[], version: number): RecordedEvent[] {
    return events.map((e) =>
      e.streamVersion === version ? { ...e, data: { ...(e.data as object), amount: 401 } } : e,
    );
  },
  /** One event's data changed, then it and every later event rehashed with the exported function. */
  rehash(events: RecordedEvent[], version: number): RecordedEvent[] {
    let prev: string | undefined;
    return events.map((e) => {
      if (e.streamVersion < version) return e;
      const edited = e.streamVersion === version ? { ...e, data: { ...(e.data as object), amount: 401 } } : e;
      const prevHash = prev ?? edited.prevHash;
      const next = { ...edited, prevHash, hash: linkHash(prevHash, edited) };
      prev = next.hash;
      return next;
    });
  },
  /** Two neighbouring events swapped in the global log: each takes the other's position. */
  swapPositions(events: RecordedEvent[], version: number): RecordedEvent[] {
    const a = events.find((e) => e.streamVersion === version)!;
    const b = events.find((e) => e.streamVersion === version + 1)!;
    return events.map((e) =>
      e === a ? { ...a, position: b.position } : e === b ? { ...b, position: a.position } : e,
    );
  },
  /** Two neighbouring events swapped: each takes the other's version (positions stay with the documents). */
  swap(events: RecordedEvent[], version: number): RecordedEvent[] {
    const a = events.find((e) => e.streamVersion === version)!;
    const b = events.find((e) => e.streamVersion === version + 1)!;
    return events
      .map((e) =>
        e === a
          ? { ...a, streamVersion: b.streamVersion }
          : e === b
            ? { ...b, streamVersion: a.streamVersion }
            : e,
      )
      .sort((x, y) => x.streamVersion - y.streamVersion);
  },
};
