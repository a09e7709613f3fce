import { withRequestedSort } from './read-page';

describe('readPage sort', () => {
  it('readPage puts the requested order first and keeps the default as the tie-break', () => {
    expect(withRequestedSort({ batchId: 1, uscc: 1 }, '-uscc')).toEqual({ uscc: -1, batchId: 1 });
    expect(Object.keys(withRequestedSort({ batchId: 1, uscc: 1 }, '-uscc'))).toEqual(['uscc', 'batchId']);
    expect(withRequestedSort({ batchId: 1 }, undefined)).toEqual({ batchId: 1 });
  });
});
