import {
  CalendarFeed,
  IdempotencyStore,
  KeyedSerialiser,
  ProjectionCatalog,
  StoreProjector,
  writeDocs,
  type EventEnvelope,
} from '@peiyu/eventstore';
import { apiHarness, type ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import { allEvents, withCalendarAwareDeadlines } from '@peiyu/contracts';
import { capturingLogger } from '@peiyu/service-kit/src/test-support';
import type { Express } from 'express';
import { buildAssessmentApp } from '../app';
import { ASSESSMENT_SCOPE } from '../http/access';
import type { AssessmentDeps } from '../http/deps';
import { batchesProjection } from '../read-models/batches';
import { ENTERPRISES, enterprisesProjection, type EnterpriseDoc } from '../read-models/enterprises';
import { evaluationsProjection, movePlaces } from '../read-models/evaluations';
import { ReadModels } from '../read-models/read-models';

/** Assessment in process over the api harness, log lines kept as objects (security and fuzz suites). */
export interface AssessmentApi {
  h: ApiHarness;
  app: Express;
  deps: AssessmentDeps;
  logs: Array<Record<string, unknown>>;
  /** A registry event folded into the enterprise view as its Kafka consumer would. */
  registryEvent(uscc: string, type: string, data: object): Promise<void>;
  close(): Promise<void>;
}

export async function assessmentApi(o: { keepLogs?: boolean } = {}): Promise<AssessmentApi> {
  const h = await apiHarness('2026-03-02T01:00:00Z', withCalendarAwareDeadlines(allEvents()));
  const projector = new StoreProjector({
    store: h.store,
    db: h.db,
    projections: [evaluationsProjection(ASSESSMENT_SCOPE), batchesProjection()],
  });
  await projector.start();
  const { logger, records: logs } = capturingLogger('assessment-test', {
    level: 'info',
    keep: o.keepLogs !== false,
  });
  let ids = 0;
  const deps: AssessmentDeps = {
    store: h.store,
    idempotency: await IdempotencyStore.open(h.db, h.clock),
    clock: h.clock,
    serialiser: new KeyedSerialiser(),
    projector,
    reads: new ReadModels(projector, new ProjectionCatalog(h.db)),
    counters: h.db.collection('registration_number_counters'),
    registrationNumberFormat: () => '{year}{province}{seq:6}',
    logger,
    newId: () => `id-${++ids}`,
    afterAppend: () => projector.catchUp(),
    calendar: new CalendarFeed(),
  };
  const { apply } = enterprisesProjection(ASSESSMENT_SCOPE);
  const versions = new Map<string, number>();
  return {
    h,
    app: buildAssessmentApp(deps, h.verifier),
    deps,
    logs,
    async registryEvent(uscc, type, data) {
      const coll = await new ProjectionCatalog(h.db).live(ENTERPRISES);
      const before = (await coll.findOne({ _id: `enterprise-${uscc}` })) as unknown as
        (EnterpriseDoc & { _v: number }) | null;
      const doc = apply(before ?? undefined, { type, data } as EventEnvelope);
      if (!doc) return;
      const v = (versions.get(uscc) ?? 0) + 1;
      versions.set(uscc, v);
      await writeDocs(
        coll,
        new Map([[uscc, { from: before?._v, doc: { ...doc, _id: `enterprise-${uscc}`, _v: v } }]]),
      );
      // the consumer's afterProjectionWrite (wiring.ts): the evaluations follow the enterprise's place
      await movePlaces([{ type, data: { ...data, uscc } }], {
        projector,
        enterprises: () => new ProjectionCatalog(h.db).live(ENTERPRISES),
      });
    },
    close: () => h.close(),
  };
}
