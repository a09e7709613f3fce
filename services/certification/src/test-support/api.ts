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
import { capturingLogger } from '@peiyu/service-kit/src/test-support';
import type { Express } from 'express';
import { buildCertificationApp } from '../app';
import { CERTIFICATION_SCOPE } from '../http/access';
import type { CertificationDeps } from '../http/deps';
import { ENTERPRISES, enterprisesProjection } from '../read-models/enterprises';
import { ReadModels } from '../read-models/read-models';
import { certificationCodec, ownProjections } from '../wiring';

/**
 * Certification in process over the api harness (in-memory event store, own read models from the store), its
 * log lines kept as objects; the registry's enterprises are seeded as its consumer would write them.
 */
export interface CertificationApi {
  h: ApiHarness;
  app: Express;
  deps: CertificationDeps;
  /** Every log line written so far, parsed. */
  logs: Array<Record<string, unknown>>;
  /** An enterprise as the registry's events would have put it in certification's view. */
  seedEnterprise(uscc: string, divisionCode: string): Promise<void>;
  close(): Promise<void>;
}

export async function certificationApi(
  o: { startAt?: string; keepLogs?: boolean } = {},
): Promise<CertificationApi> {
  const h = await apiHarness(o.startAt ?? '2026-06-01T01:00:00Z', certificationCodec());
  const projector = new StoreProjector({ store: h.store, db: h.db, projections: ownProjections() });
  await projector.start();
  const { logger, records: logs } = capturingLogger('certification-test', {
    level: 'info',
    keep: o.keepLogs !== false,
  });
  let ids = 0;
  const deps: CertificationDeps = {
    store: h.store,
    idempotency: await IdempotencyStore.open(h.db, h.clock),
    clock: h.clock,
    serialiser: new KeyedSerialiser(),
    projector,
    reads: new ReadModels(projector, new ProjectionCatalog(h.db)),
    logger,
    newId: () => `id-${++ids}`,
    newSeed: () => '00112233445566778899aabbccddeeff',
    afterAppend: () => projector.catchUp(),
    calendar: new CalendarFeed(),
  };
  const seedEnterprise = async (uscc: string, divisionCode: string) => {
    const coll = await new ProjectionCatalog(h.db).live(ENTERPRISES);
    const data = { uscc, name: `岳阳示例 ${uscc.slice(-4)}`, divisionCode, foundedOn: '2015-03-01' };
    const { apply: fold } = enterprisesProjection(CERTIFICATION_SCOPE);
    const doc = fold(undefined, { type: 'EnterpriseRegistered', data } as unknown as EventEnvelope)!;
    await writeDocs(
      coll,
      new Map([[uscc, { from: undefined, doc: { ...doc, _id: `enterprise-${uscc}`, _v: 1 } }]]),
    );
  };
  return {
    h,
    app: buildCertificationApp(deps, h.verifier),
    deps,
    logs,
    seedEnterprise,
    close: () => h.close(),
  };
}
