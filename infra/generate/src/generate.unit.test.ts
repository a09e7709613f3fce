import { evolveBatch, evolveEvaluation, initialBatchState, initialEvaluationState } from '@peiyu/assessment';
import { allEvents, SME_BATCH_STREAM, SME_EVALUATION_STREAM } from '@peiyu/contracts';
import { verifyChain, type RecordedEvent } from '@peiyu/eventstore';
import { evolve, initialState } from '@peiyu/registry';
import { byStream, generateInMemory, smallCity } from './test-support/memory';

type Fold<S> = (s: S, e: never) => S;
const fold = <S>(events: RecordedEvent[], f: Fold<S>, init: S): S =>
  events.reduce((s, e) => f(s, e as never), init);

describe('a generated year', () => {
  const spec = { seed: 7, year: 2026, area: smallCity(1000) };
  let run: Awaited<ReturnType<typeof generateInMemory>>;
  beforeAll(async () => {
    run = await generateInMemory(spec);
  });

  it('is valid under the contracts and every stream verifies under the event store chain', () => {
    const codec = allEvents();
    for (const records of [run.registry, run.assessment, run.statistics, run.certification, run.subsidy]) {
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) codec.validate({ type: r.type, schemaVersion: r.schemaVersion, data: r.data });
      for (const [, events] of byStream(records)) {
        const sorted = [...events].sort((a, b) => a.streamVersion - b.streamVersion);
        expect(verifyChain(sorted)).toMatchObject({ ok: true, checked: events.length });
      }
      expect(records.map((r) => r.position)).toEqual(records.map((_, i) => i + 1));
    }
  });

  it('folds through the registry and assessment deciders, reaching every evaluation status', () => {
    for (const [, events] of byStream(run.registry)) {
      expect(fold(events, evolve as Fold<unknown>, initialState)).toMatchObject({
        status: expect.any(String),
      });
    }
    const streams = byStream(run.assessment);
    const itemEvents = [...streams]
      .filter(([id]) => SME_BATCH_STREAM.parse(id))
      .flatMap(([, events]) => {
        expect(fold(events, evolveBatch as Fold<unknown>, initialBatchState)).not.toBeNull();
        return events.filter((e) => ['AddedToBatch', 'ObjectionResolved', 'SmeEntered'].includes(e.type));
      });
    const seen = new Set<string>();
    for (const [id, events] of streams) {
      if (!SME_EVALUATION_STREAM.parse(id)) continue;
      // The evaluation's own events and the batch outcomes that name it, in position order (as the service
      // folds them).
      const all = [...events, ...itemEvents].sort((a, b) => a.position - b.position);
      const state = fold(
        all,
        evolveEvaluation as Fold<ReturnType<typeof evolveEvaluation>>,
        initialEvaluationState,
      );
      for (const h of state!.history) seen.add(h.status);
      seen.add(state!.status);
    }
    expect([...seen].sort()).toEqual(
      [
        'batched',
        'draft',
        'entered',
        'forwarded',
        'rejected',
        'returned',
        'revoked',
        'submitted',
        'withdrawn',
      ].sort(),
    );
  });

  it('is deterministic: the same seed gives the same events, another seed others', async () => {
    const again = await generateInMemory(spec, 3);
    expect(again.registry.length).toBeGreaterThan(100);
    expect(again.registry).toEqual(run.registry.slice(0, again.registry.length));
    const other = await generateInMemory({ ...spec, seed: 8 }, 3);
    expect(other.registry[0]!.eventId).not.toBe(run.registry[0]!.eventId);
  });
});
