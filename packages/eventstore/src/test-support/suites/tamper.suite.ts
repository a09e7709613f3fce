import { ManualClock } from '../../clock';
import { CheckpointAnchor } from '../../checkpoint/anchor';
import type { MemoryEventStore } from '../../store/memory-store';
import type { MongoEventStore } from '../../store/mongo-store';
import { CheckpointVerifier } from '../../checkpoint/verifier';
import { CheckpointWriter } from '../../checkpoint/writer';
import { generateCheckpointKeyPem, signingKeyFromPem } from '../../checkpoint/signing';
import type { CheckpointStore } from '../../checkpoint/store';
import { handleCommand } from '../decide-and-append';
import { verifyChain } from '../../hash/verify';
import { ConcurrencyError, IntegrityError } from '../../store/errors';
import type { EventStore, StreamHeadEntry } from '../../store/event-store';
import type { RecordedEvent } from '../../types';
import { admin, ctxAt, ledgerDecider } from '../ledger';
import { tamper } from '../tamper';

/** What an attacker with write access to the database can touch, per store implementation. */
export interface TamperHarness {
  store: EventStore;
  checkpoints: CheckpointStore;
  clock: ManualClock;
  /** Replaces a stream's stored records by these (same event ids). */
  rewrite(streamId: string, records: RecordedEvent[]): Promise<void>;
  deleteEvent(streamId: string, version: number): Promise<void>;
  setHead(head: StreamHeadEntry): Promise<void>;
}

const meta = { actor: admin, correlationId: 'c-1', causationId: null };

async function ledger(store: EventStore, id: string, credits = 5): Promise<void> {
  await store.append(
    id,
    0,
    [{ type: 'LedgerOpened', data: { owner: 'acme', openedOn: '2026-03-01' } }],
    meta,
  );
  for (let v = 1; v <= credits; v++)
    await store.append(id, v, [{ type: 'LedgerCredited', data: { amount: v * 100, currency: 'CNY' } }], meta);
}

const stored = (h: TamperHarness, id: string) => h.store.readStream(id, { stored: true });

async function integrityError(p: Promise<unknown>): Promise<IntegrityError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IntegrityError);
  return err as IntegrityError;
}

/** Finding 4, case by case: each tampering detected, naming the stream, the version and the check. */
export function tamperSuite(open: () => Promise<TamperHarness>): void {
  it('finding 4 — edited byte: caught by the verifying read; a command refuses and appends nothing', async () => {
    const h = await open();
    await ledger(h.store, 'L-edit');
    await h.rewrite('L-edit', tamper.editByte(await stored(h, 'L-edit'), 5));
    // The old non-verifying read hands the edited history out as if nothing happened.
    expect((await h.store.readStream('L-edit')).length).toBe(6);
    expect(await h.store.verifyStream('L-edit')).toMatchObject({
      ok: false,
      brokenAt: 5,
      reason: 'hash-mismatch',
    });
    const err = await integrityError(h.store.readStreamVerified('L-edit'));
    expect(err).toMatchObject({ streamId: 'L-edit', version: 5, check: 'hash-mismatch' });
    await integrityError(
      handleCommand(
        h.store,
        ledgerDecider,
        'L-edit',
        { kind: 'credit', amount: 1 },
        ctxAt(new Date('2026-03-02T00:00:00Z')),
      ),
    );
    expect((await stored(h, 'L-edit')).length).toBe(6);
  });

  it('finding 4 — edited head event: append itself refuses to extend the stream', async () => {
    const h = await open();
    await ledger(h.store, 'L-last');
    await h.rewrite('L-last', tamper.editByte(await stored(h, 'L-last'), 6));
    const credit = [{ type: 'LedgerCredited', data: { amount: 1, currency: 'CNY' } }];
    const err = await integrityError(h.store.append('L-last', 6, credit, meta));
    expect(err).toMatchObject({ streamId: 'L-last', version: 6, check: 'hash-mismatch' });
    expect((await stored(h, 'L-last')).length).toBe(6);
  });

  it('finding 4 — deleted last event: the chain still links, the head record does not agree', async () => {
    const h = await open();
    await ledger(h.store, 'L-del');
    await h.deleteEvent('L-del', 6);
    // Old shape: the shortened chain verifies on its own.
    expect(verifyChain(await stored(h, 'L-del'))).toMatchObject({ ok: true, checked: 5 });
    expect(await h.store.verifyStream('L-del')).toMatchObject({
      ok: false,
      brokenAt: 6,
      reason: 'head-mismatch',
    });
    const err = await integrityError(h.store.readStreamVerified('L-del'));
    expect(err).toMatchObject({ streamId: 'L-del', version: 6, check: 'head-mismatch' });
    const credit = [{ type: 'LedgerCredited', data: { amount: 1, currency: 'CNY' } }];
    expect(await integrityError(h.store.append('L-del', 6, credit, meta))).toMatchObject({
      streamId: 'L-del',
      version: 6,
      check: 'head-mismatch',
    });
    await expect(h.store.append('L-del', 5, credit, meta)).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('finding 4 — reordered events: swapped versions break the link at the first moved one', async () => {
    const h = await open();
    await ledger(h.store, 'L-swap');
    await h.rewrite('L-swap', tamper.swap(await stored(h, 'L-swap'), 3));
    const err = await integrityError(h.store.readStreamVerified('L-swap'));
    expect(err).toMatchObject({ streamId: 'L-swap', version: 3, check: 'broken-link' });
  });

  it('finding 4 — reordered events: swapped log positions run backwards against versions', async () => {
    const h = await open();
    await ledger(h.store, 'L-pos');
    await h.rewrite('L-pos', tamper.swapPositions(await stored(h, 'L-pos'), 3));
    const err = await integrityError(h.store.readStreamVerified('L-pos'));
    expect(err).toMatchObject({ streamId: 'L-pos', version: 4, check: 'order' });
  });

  it.each(['ed25519', 'sm2-sm3'] as const)(
    'finding 4 — rehashed stream and head (%s): passes every chain check, caught against the signed checkpoint',
    async (alg) => {
      const h = await open();
      await ledger(h.store, 'L-re');
      await ledger(h.store, 'L-ok', 2);
      const key = signingKeyFromPem(alg, generateCheckpointKeyPem(alg));
      const writer = new CheckpointWriter({
        service: 'test',
        store: h.store,
        checkpoints: h.checkpoints,
        key,
        clock: h.clock,
      });
      const cp = await writer.writeOnce();
      expect(cp).toMatchObject({ id: '000000000001', count: 2, alg });
      const verifier = new CheckpointVerifier({ store: h.store, checkpoints: h.checkpoints, key });
      expect(await verifier.verifyLatest()).toMatchObject({ ok: true, streams: 2, failures: [] });

      const forged = tamper.rehash(await stored(h, 'L-re'), 3);
      await h.rewrite('L-re', forged);
      const last = forged[forged.length - 1]!;
      await h.setHead({ streamId: 'L-re', version: last.streamVersion, hash: last.hash });
      // Old shape: chain and head agree with each other after the rehash.
      expect(await h.store.verifyStream('L-re')).toMatchObject({ ok: true, checked: 6 });
      const report = await verifier.verifyLatest();
      expect(report).toMatchObject({ ok: false, streams: 2 });
      expect(report.failures).toHaveLength(1);
      expect(report.failures[0]).toMatchObject({
        streamId: 'L-re',
        version: 6,
        check: 'checkpoint-mismatch',
      });
      expect(await verifier.verifyStream('L-ok')).toBeUndefined();
      // Anchored to the checkpoint, the verifying read (the command path) refuses the forgery as well.
      (h.store as MemoryEventStore | MongoEventStore).useCheckpoints(
        new CheckpointAnchor(h.checkpoints, key),
      );
      expect(await integrityError(h.store.readStreamVerified('L-re'))).toMatchObject({
        streamId: 'L-re',
        version: 6,
        check: 'checkpoint-mismatch',
      });
      await integrityError(
        handleCommand(
          h.store,
          ledgerDecider,
          'L-re',
          { kind: 'credit', amount: 1 },
          ctxAt(new Date('2026-03-02T00:00:00Z')),
        ),
      );
      expect((await h.store.readStreamVerified('L-ok')).length).toBe(3);
      // The next checkpoint refuses to sign the forgery rather than launder it.
      await h.store.append('L-ok', 3, [{ type: 'LedgerClosed', data: { reason: 'x' } }], meta);
      expect(await integrityError(writer.writeOnce())).toMatchObject({
        streamId: 'L-re',
        check: 'checkpoint-mismatch',
      });
    },
  );

  it('finding 4 — a checkpoint edited in the database no longer verifies', async () => {
    const h = await open();
    await ledger(h.store, 'L-cp', 1);
    const key = signingKeyFromPem('ed25519', generateCheckpointKeyPem('ed25519'));
    const writer = new CheckpointWriter({
      service: 't',
      store: h.store,
      checkpoints: h.checkpoints,
      key,
      clock: h.clock,
    });
    const first = await writer.writeOnce();
    expect(await writer.writeOnce()).toEqual(first); // nothing moved: no new checkpoint
    await h.store.append('L-cp', 2, [{ type: 'LedgerClosed', data: { reason: 'x' } }], meta);
    h.clock.advance(60_000);
    const second = await writer.writeOnce();
    expect(second.id).toBe('000000000002');
    const verifier = new CheckpointVerifier({ store: h.store, checkpoints: h.checkpoints, key });
    expect((await verifier.verifyLatest()).ok).toBe(true);
    await h.checkpoints.saveHeads(second.id, [{ streamId: 'L-cp', version: 2, hash: 'f'.repeat(64) }]);
    const report = await verifier.verifyLatest();
    expect(report.failures[0]).toMatchObject({
      streamId: 'checkpoint:000000000002',
      check: 'checkpoint-mismatch',
    });
  });
}
