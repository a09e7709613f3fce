import type { Clock, Logger, ScopeOptions } from '@peiyu/service-kit';
import type { AuditCheckpoints } from '../read-models/checkpoints';
import type { Ledger } from '../read-models/ledger';
import type { Recomputations } from '../read-models/recomputations';
import type { ReplayJobs } from '../read-models/replay-jobs';
import type { AccessLog } from './access';

/** Everything the HTTP slices use; built once in wiring (or in a test). */
export interface AuditDeps {
  ledger: Ledger;
  checkpoints: AuditCheckpoints;
  jobs: ReplayJobs;
  recomputations: Recomputations;
  accessLog: AccessLog;
  clock: Clock;
  logger: Logger;
  /** 省直管县 etc., for scoping (service-kit ScopeOptions). */
  scope: ScopeOptions;
}
