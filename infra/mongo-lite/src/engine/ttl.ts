import type { Engine, LogOp } from './engine';

/**
 * The TTL monitor's pass: deletes documents whose indexed date (the earliest, for arrays) is older than
 * `expireAfterSeconds`. Found through the index, so only expired entries are read. Returns how many it removed.
 */
export function expireTtl(engine: Engine, now: number, ops: LogOp[]): number {
  let removed = 0;
  for (const colls of engine.dbs.values()) {
    for (const coll of colls.values()) {
      for (const index of coll.indexes.values()) {
        const secs = index.spec.expireAfterSeconds;
        if (typeof secs !== 'number') continue;
        const cutoff = new Date(now - secs * 1000);
        const expired = [...new Set(index.scan({ hi: { value: cutoff, inclusive: false } }))];
        for (const id of expired) {
          engine.write({ ops }, coll, id, null);
          removed++;
        }
      }
    }
  }
  return removed;
}
