import { Binary, deserialize, Long, ObjectId, serialize } from 'bson';
import { normalizeNumbers, restoreNumbers } from '../engine/numeric';
import type { Doc } from '../engine/values';
import { decodeRecords, encodeRecord } from '../persist/records';
import { encodeDoc, encodeReplyBody, hasEncoded } from './bson-bytes';

/** A document as the server holds it: numbers normalised from what a client sent, Long and integral Double tagged. */
function stored(i: number): Doc {
  const wire = serialize({
    _id: new ObjectId(),
    i,
    big: Long.fromNumber(2 ** 40 + i),
    price: 2.5,
    nested: { at: new Date(i), tags: ['a', 'b'], bin: new Binary(Buffer.from([i])) },
  });
  const doc = deserialize(wire, { promoteValues: false });
  normalizeNumbers(doc);
  return doc;
}

const plain = (v: Doc): Buffer => Buffer.from(serialize(restoreNumbers(v)));

describe('encoded document bytes', () => {
  it('encodes a cursor reply to exactly the bytes of serializing it whole', () => {
    const docs = [stored(1), stored(2), stored(3)];
    const reply = {
      cursor: { firstBatch: docs, id: Long.fromNumber(42), ns: 'db.c' },
      ok: 1,
      operationTime: Long.fromNumber(7),
    };
    expect(encodeReplyBody(reply).equals(plain(reply))).toBe(true);
    const more = { cursor: { nextBatch: [], id: Long.fromNumber(0), ns: 'db.c' }, ok: 1 };
    expect(encodeReplyBody(more).equals(plain(more))).toBe(true);
    const other = { n: 1, ok: 1 };
    expect(encodeReplyBody(other).equals(plain(other))).toBe(true);
  });

  it('keeps the BSON types a client sent (Int64 stays Int64)', () => {
    const back = deserialize(encodeDoc(stored(5)), { promoteValues: false });
    expect((back.big as { _bsontype: string })._bsontype).toBe('Long');
  });

  it('serializes a document once and reuses the bytes', () => {
    const doc = stored(9);
    expect(encodeDoc(doc)).toBe(encodeDoc(doc));
  });

  it('frames log records with the same payload as serializing them whole', () => {
    const rec = {
      seq: 3,
      ops: [
        { op: 'put' as const, db: 'd', coll: 'c', doc: stored(1) },
        { op: 'del' as const, db: 'd', coll: 'c', id: Long.fromNumber(5) },
        { op: 'createColl' as const, db: 'd', coll: 'e' },
      ],
    };
    expect(encodeRecord(rec).subarray(8).equals(plain(rec))).toBe(true);
  });

  it('reads documents back from the log with their bytes, so the first read after a restart does not serialize', () => {
    const doc = stored(4);
    const rec = { seq: 1, ops: [{ op: 'put' as const, db: 'd', coll: 'c', doc }] };
    const [back] = decodeRecords(encodeRecord(rec)).records;
    const replayed = (back?.ops[0] as { doc: Doc }).doc;
    expect(replayed).not.toBe(doc);
    expect(hasEncoded(replayed)).toBe(true);
    expect(encodeDoc(replayed).equals(plain(doc))).toBe(true);
    expect(hasEncoded(stored(5))).toBe(false);
  });
});
