import { Long } from 'bson';
import { MongoLiteError } from '../errors';
import { applyUpdate, upsertDocument } from './update';

const code = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as MongoLiteError).code;
  }
  return undefined;
};

describe('update semantics layer', () => {
  it('never mutates the stored document', () => {
    const stored = { _id: 1, a: { b: [1] } };
    const next = applyUpdate(stored, { $push: { 'a.b': 2 } });
    expect(stored).toEqual({ _id: 1, a: { b: [1] } });
    expect(next).toEqual({ _id: 1, a: { b: [1, 2] } });
  });

  it('raises the server errors mingo would silently skip', () => {
    expect(code(() => applyUpdate({ _id: 1, s: 'x' }, { $inc: { s: 1 } }))).toBe(14);
    expect(code(() => applyUpdate({ _id: 1, n: 1 }, { $inc: { n: 'x' } }))).toBe(14);
    expect(code(() => applyUpdate({ _id: 1, s: 'x' }, { $push: { s: 1 } }))).toBe(2);
    expect(code(() => applyUpdate({ _id: 1, s: 'x' }, { $addToSet: { s: 1 } }))).toBe(2);
    expect(code(() => applyUpdate({ _id: 1 }, { $set: { _id: 2 } }))).toBe(66);
    expect(code(() => applyUpdate({ _id: 1 }, { $set: { a: 1 }, $inc: { a: 1 } }))).toBe(40);
    expect(code(() => applyUpdate({ _id: 1 }, { $bogus: { a: 1 } }))).toBe(9);
  });

  it('accepts Long operands for arithmetic', () => {
    expect(applyUpdate({ _id: 1, n: 1 }, { $inc: { n: Long.fromNumber(2) } }).n).toBe(3);
  });

  it('seeds upserts from filter equalities and applies $setOnInsert only on insert', () => {
    const doc = upsertDocument(
      { k: 'a', 'nested.x': 1, n: { $gt: 3 } },
      { $set: { v: 1 }, $setOnInsert: { c: 1 } },
    );
    expect(doc).toMatchObject({ k: 'a', nested: { x: 1 }, v: 1, c: 1 });
    expect(Object.keys(doc)[0]).toBe('_id');
    expect(applyUpdate({ _id: 1 }, { $setOnInsert: { c: 1 } })).toEqual({ _id: 1 });
  });

  it('keeps _id on replacement and pipeline updates', () => {
    expect(applyUpdate({ _id: 1, a: 1 }, { b: 2 })).toEqual({ _id: 1, b: 2 });
    expect(applyUpdate({ _id: 1, a: 1 }, [{ $set: { b: { $add: ['$a', 1] } } }])).toEqual({
      _id: 1,
      a: 1,
      b: 2,
    });
  });
});
