import { serviceApp, type ReadinessCheck, type TokenVerifier } from '@peiyu/service-kit';
import type { Express, Router } from 'express';
import { sealCheckpointRoute } from './commands/seal-checkpoint/route';
import { startRecomputeRoute } from './commands/start-recompute/route';
import { startReplayRoute } from './commands/start-replay/route';
import { verifyServiceCheckpointRoute } from './commands/verify-service-checkpoint/route';
import type { AuditDeps } from './http/deps';
import { latestCheckpointRoute } from './queries/checkpoints/route';
import { enterpriseStateRoute } from './queries/enterprise-state/route';
import { enterpriseTimelineRoute } from './queries/enterprise-timeline/route';
import { exportRoute } from './queries/export/route';
import { getStreamRoute } from './queries/get-stream/route';
import { inclusionProofRoute } from './queries/inclusion-proof/route';
import { listFindingsRoute } from './queries/list-findings/route';
import { recomputeJobRoute } from './queries/recompute-job/route';
import { recomputeRecordRoute } from './queries/recompute-record/route';
import { replayJobRoute } from './queries/replay-job/route';
import { replayStreamRoute } from './queries/replay-stream/route';

const SLICES: Array<(r: Router, d: AuditDeps) => void> = [
  listFindingsRoute,
  getStreamRoute,
  replayStreamRoute,
  inclusionProofRoute,
  enterpriseTimelineRoute,
  enterpriseStateRoute,
  latestCheckpointRoute,
  sealCheckpointRoute,
  verifyServiceCheckpointRoute,
  startReplayRoute,
  replayJobRoute,
  recomputeRecordRoute,
  startRecomputeRoute,
  recomputeJobRoute,
  exportRoute,
];

/** The service's app: its slices behind the kit's one app shape (service-guide.md). */
export const buildAuditApp = (
  deps: AuditDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express =>
  serviceApp({
    name: 'audit',
    title: 'Peiyu audit (审计)',
    description:
      "Every service's events in one verified ledger: findings, signed checkpoints, inclusion proofs, replays, recomputations, exports for offline verification.",
    slices: SLICES,
    deps,
    auth,
    readiness,
  });
