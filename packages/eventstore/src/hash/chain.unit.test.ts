import { createHash } from 'node:crypto';
import { chainInput, genesisHash, linkHash } from './chain';
import { verifyChain, type ChainedEvent } from './verify';

const base = {
  eventId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  streamId: 's-1',
  type: 'Thing',
  schemaVersion: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:00.000Z',
  actor: { role: 'admin', id: 'u1' },
  correlationId: 'c1',
  causationId: null,
};

function chain(n: number, algorithm: 'sha256' | 'sm3' = 'sha256'): ChainedEvent[] {
  let prev = genesisHash(algorithm);
  return Array.from({ length: n }, (_, i) => {
    const e = { ...base, streamVersion: i + 1, data: { i, note: `n${i}` }, prevHash: prev, hash: '' };
    e.hash = linkHash(prev, e, algorithm);
    prev = e.hash;
    return e;
  });
}

describe('hash chain', () => {
  it('hashes the ASCII prevHash, a LF and the canonical bytes of the hashed fields only', () => {
    const e = {
      ...base,
      streamVersion: 1,
      data: { b: 2, a: 1 },
      position: 99,
      hash: 'ignored',
      prevHash: 'x',
    };
    const text = chainInput(genesisHash(), e).toString('utf8');
    expect(
      text.startsWith(`${'0'.repeat(64)}\n{"actor":{"id":"u1","role":"admin"},"causationId":null,`),
    ).toBe(true);
    expect(text).toContain('"data":{"a":1,"b":2}');
    expect(text).not.toContain('position');
    expect(linkHash(genesisHash(), e)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('verifies an intact chain with either algorithm', () => {
    expect(verifyChain(chain(5))).toEqual({
      ok: true,
      checked: 5,
      lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(verifyChain(chain(5, 'sm3'), 'sm3')).toMatchObject({ ok: true, checked: 5 });
    expect(verifyChain(chain(2, 'sm3'), 'sha256')).toMatchObject({
      ok: false,
      brokenAt: 1,
      reason: 'hash-mismatch',
    });
  });

  it('reports the first broken link: tampered data, tampered hash, missing or reordered version', () => {
    const tampered = chain(6);
    (tampered[3]!.data as { note: string }).note = 'n4';
    expect(verifyChain(tampered)).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: 'hash-mismatch',
      checked: 3,
    });

    const rehashed = chain(6);
    rehashed[2]!.hash = linkHash(rehashed[2]!.prevHash, { ...rehashed[2]!, data: { forged: true } });
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash-mismatch' });

    const gap = chain(6).filter((e) => e.streamVersion !== 4);
    expect(verifyChain(gap)).toMatchObject({ ok: false, brokenAt: 5, reason: 'gap' });

    const relinked = chain(3);
    relinked[1]!.prevHash = relinked[2]!.hash;
    expect(verifyChain(relinked)).toMatchObject({ ok: false, brokenAt: 2, reason: 'broken-link' });
  });

  it('verifies a suffix from a known link', () => {
    const all = chain(5);
    expect(verifyChain(all.slice(2), 'sha256', { version: 3, prevHash: all[1]!.hash })).toMatchObject({
      ok: true,
      checked: 3,
    });
  });
});
