import { EventValidationError } from '@peiyu/contracts';
import { ManualClock } from '../clock';
import { genesisHash, linkHash } from '../hash/chain';
import { admin, ledgerRegistry } from '../test-support/ledger';
import { ConcurrencyError, InvalidAppendError } from './errors';
import { MemoryEventStore } from './memory-store';

const meta = { actor: admin, correlationId: 'c', causationId: null };

describe('MemoryEventStore', () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const store = new MemoryEventStore({ clock, codec: ledgerRegistry() });

  beforeAll(async () => {
    await store.append(
      'a',
      0,
      [{ type: 'LedgerOpened', data: { owner: 'o', openedOn: '2026-01-01' } }],
      meta,
    );
    clock.advance(86_400_000);
    await store.append('a', 1, [{ type: 'LedgerCredited', schemaVersion: 1, data: { amount: 5 } }], meta);
    await store.append(
      'b',
      0,
      [{ type: 'LedgerOpened', data: { owner: 'p', openedOn: '2026-01-02' } }],
      meta,
    );
  });

  it('rejects a stale or ahead-of-head expected version, and invalid appends', async () => {
    const e = [{ type: 'LedgerClosed', data: { reason: 'x' } }];
    await expect(store.append('a', 1, e, meta)).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append('a', 5, e, meta)).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append('a', 2, [], meta)).rejects.toBeInstanceOf(InvalidAppendError);
    // `$…` ids are the MongoDB store's own (its position counter sits beside the heads): refused alike here.
    const opened = [{ type: 'LedgerOpened', data: { owner: 'o', openedOn: '2026-01-01' } }];
    await expect(store.append('$position', 0, opened, meta)).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(store.append('a', 2, [{ type: 'LedgerClosed', data: {} }], meta)).rejects.toBeInstanceOf(
      EventValidationError,
    );
    expect((await store.readStream('a')).length).toBe(2);
  });

  it('upcasts old schema versions on read and keeps the stored form for the chain', async () => {
    const [, credited] = await store.readStream('a');
    expect(credited).toMatchObject({ schemaVersion: 2, data: { amount: 5, currency: 'CNY' } });
    expect(store.rawRecord('a', 2)).toMatchObject({ schemaVersion: 1, data: { amount: 5 } });
    expect(await store.verifyStream('a')).toMatchObject({ ok: true, checked: 2 });
  });

  it('reads ranges, as-of prefixes and everything in position order', async () => {
    expect((await store.readStream('a', { fromVersion: 2 })).map((e) => e.streamVersion)).toEqual([2]);
    expect((await store.readStream('a', { asOf: new Date('2026-01-01T12:00:00Z') })).length).toBe(1);
    const all = [];
    for await (const e of store.readAll()) all.push(`${e.streamId}@${e.streamVersion}#${e.position}`);
    expect(all).toEqual(['a@1#1', 'a@2#2', 'b@1#3']);
  });

  it('detects tampering at the right version', async () => {
    (store.rawRecord('a', 2)!.data as { amount: number }).amount = 6;
    expect(await store.verifyStream('a')).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash-mismatch' });
  });

  it('chains with SM3 when configured', async () => {
    const sm3 = new MemoryEventStore({ clock, codec: ledgerRegistry(), hashAlgorithm: 'sm3' });
    const opened = [{ type: 'LedgerOpened', data: { owner: 'o', openedOn: '2026-01-01' } }];
    const [a] = (await sm3.append('x', 0, opened, meta)).events;
    expect(a!.prevHash).toBe(genesisHash('sm3'));
    expect(a!.hash).toBe(linkHash(a!.prevHash, a!, 'sm3'));
    expect(a!.hash).not.toBe(linkHash(a!.prevHash, a!, 'sha256'));
    expect(await sm3.verifyStream('x')).toMatchObject({ ok: true, checked: 1 });
  });
});
