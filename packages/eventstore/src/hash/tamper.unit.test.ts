import { ManualClock } from '../clock';
import { MemoryCheckpointStore } from '../checkpoint/store';
import { MemoryEventStore } from '../store/memory-store';
import { ledgerRegistry } from '../test-support/ledger';
import { tamperSuite } from '../test-support/suites/tamper.suite';

describe('tampering with the memory store (finding 4)', () =>
  tamperSuite(async () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const store = new MemoryEventStore({ clock, codec: ledgerRegistry() });
    return {
      store,
      clock,
      checkpoints: new MemoryCheckpointStore(),
      async rewrite(streamId, records) {
        store.rawStream(streamId).splice(0, Infinity, ...structuredClone(records));
      },
      async deleteEvent(streamId, version) {
        const stream = store.rawStream(streamId);
        stream.splice(
          stream.findIndex((e) => e.streamVersion === version),
          1,
        );
      },
      async setHead({ streamId, version, hash }) {
        store.rawHeads().set(streamId, { version, hash });
      },
    };
  }));
