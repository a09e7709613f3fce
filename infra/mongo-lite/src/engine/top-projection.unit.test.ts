import { deserialize, Long } from 'bson';
import { encodeDoc } from '../wire/bson-bytes';
import { normalizeNumbers } from './numeric';
import { project } from './query';

const stored = () => {
  const doc = {
    _id: 'one:1',
    streamId: 'one',
    streamVersion: 1,
    position: Long.fromNumber(7),
    data: { by: 2, tags: ['a'] },
    at: new Date(0),
    ok: true,
    none: null,
  };
  normalizeNumbers(doc);
  return doc;
};

describe('top-level projections (fast path)', () => {
  it('drops excluded fields, keeps the rest in order, and encodes the same bytes as a fresh document', () => {
    const [out] = project([stored()], { _id: 0, position: 0, ok: 0 });
    expect(Object.keys(out!)).toEqual(['streamId', 'streamVersion', 'data', 'at', 'none']);
    expect(deserialize(encodeDoc(out!))).toEqual({
      streamId: 'one',
      streamVersion: 1,
      data: { by: 2, tags: ['a'] },
      at: new Date(0),
      none: null,
    });
  });

  it('keeps only included fields, with _id unless excluded', () => {
    expect(project([stored()], { streamId: 1, data: 1 })).toEqual([
      { _id: 'one:1', streamId: 'one', data: { by: 2, tags: ['a'] } },
    ]);
    expect(project([stored()], { streamId: 1, _id: 0 })).toEqual([{ streamId: 'one' }]);
    expect(project([stored()], { _id: 1 })).toEqual([{ _id: 'one:1' }]);
  });

  it('keeps Int64 as Int64 in the bytes it cuts', () => {
    const [out] = project([stored()], { position: 1, _id: 0 });
    expect(deserialize(encodeDoc(out!), { promoteLongs: false }).position).toEqual(Long.fromNumber(7));
  });

  it('leaves paths and expressions to the general projection', () => {
    expect(project([stored()], { 'data.by': 1, _id: 0 })).toEqual([{ data: { by: 2 } }]);
  });
});
