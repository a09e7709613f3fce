import { merklePath, merkleRoot, rootFromPath } from './merkle';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `["s-${i}",${i + 1},"${'a'.repeat(64)}"]\n`);

describe('Merkle tree over stream heads', () => {
  it.each([1, 2, 3, 5, 8, 13])('every leaf of %i proves against the root', (n) => {
    const ls = lines(n);
    const root = merkleRoot('sha256', ls);
    for (let i = 0; i < n; i++)
      expect(rootFromPath('sha256', ls[i]!, merklePath('sha256', ls, i))).toBe(root);
  });

  it('a changed leaf or a wrong path does not lead to the root', () => {
    const ls = lines(7);
    const root = merkleRoot('sha256', ls);
    const path = merklePath('sha256', ls, 3);
    expect(rootFromPath('sha256', ls[3]!.replace('4', '5'), path)).not.toBe(root);
    expect(rootFromPath('sha256', ls[4]!, path)).not.toBe(root);
  });

  it('an empty tree has the digest of nothing; SM3 gives another root', () => {
    expect(merkleRoot('sha256', [])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(merkleRoot('sm3', lines(3))).not.toBe(merkleRoot('sha256', lines(3)));
  });
});
