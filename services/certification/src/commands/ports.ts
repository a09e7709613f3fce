import { hnteEnterpriseStreamId, hnteExpertPoolStreamId } from '@peiyu/contracts';
import { loadStream } from '@peiyu/eventstore';
import { addWorkingDays } from '@peiyu/policy';
import {
  enterpriseHnteDecider,
  expertPoolDecider,
  poolSnapshot,
  type ApplicationCommand,
  type ApplicationPorts,
  type ApplicationState,
  type BatchView,
  type EnterpriseHntePorts,
  type EnterpriseHnteState,
  type IpClaim,
} from '../domain';
import type { CertificationDeps } from '../http/deps';
import type { BatchDoc } from '../read-models/batches';
import type { EnterpriseFacts } from '../read-models/enterprises';
import { ipKey } from '../read-models/applications';

const NO_PORTS: EnterpriseHntePorts = { application: () => null, enterpriseName: () => null };

/** An enterprise's HNTE record (stream state), e.g. for its cancellations. */
export async function loadRecord(deps: CertificationDeps, uscc: string) {
  return loadStream(deps.store, enterpriseHnteDecider(NO_PORTS), hnteEnterpriseStreamId(uscc));
}

export function batchViewOf(doc: BatchDoc | null): BatchView | null {
  if (!doc) return null;
  const { registerStreamId: _r, _id, _v, ...rest } = doc as BatchDoc & { _id?: string; _v?: number };
  return rest;
}

/** The calendar in force as the core's port: policy's working days and whether they were provisional. */
export function workingDays(deps: CertificationDeps): ApplicationPorts['addWorkingDays'] {
  const calendar = deps.calendar.current();
  return (date, n) => {
    const d = addWorkingDays(date, n, calendar);
    return { date: d.date, provisional: d.provisional };
  };
}

const SUBMISSIONS: ReadonlySet<ApplicationCommand['type']> = new Set([
  'SubmitHnteApplication',
  'ResubmitHnteApplication',
]);

/**
 * The application decider's ports, read before the decision (decide stays pure): the batch (batches read
 * model), the enterprise (registry view), its cancellations (HNTE record stream), the claims on the form's IP
 * items (applications read model), and — for a panel draw only — the province's pool at its current version.
 */
export async function applicationPorts(
  deps: CertificationDeps,
  key: { batchId: string; uscc: string },
  state: ApplicationState,
  command: ApplicationCommand['type'],
  /** The enterprise (registry view) the caller read for authorisation: one read a command, not two. */
  enterprise: EnterpriseFacts | null,
  form = state?.form,
): Promise<ApplicationPorts> {
  const [batchDoc, record, claims] = await Promise.all([
    deps.reads.batch(key.batchId),
    loadRecord(deps, key.uscc),
    // Only a submission checks the claims on its IP items (a Class II item supports one HNTE application
    // ever, hnte.md "IP quantity"), so a draft or a review step does not read them.
    SUBMISSIONS.has(command)
      ? deps.reads.ipClaims((form?.ipItems ?? []).map((i) => ipKey(i.kind, i.number)))
      : new Map<string, IpClaim[]>(),
  ]);
  const batch = batchViewOf(batchDoc);
  const province = state?.submission?.provinceCode ?? batch?.provinceCode;
  const pool =
    command === 'DrawPanel' && province
      ? poolSnapshot(
          (await loadStream(deps.store, expertPoolDecider, hnteExpertPoolStreamId(province))).state,
          hnteExpertPoolStreamId(province),
        )
      : { snapshotId: 'none', experts: [] };
  return {
    batch: (id) => (id === key.batchId ? batch : null),
    enterprise: (uscc) => (uscc === key.uscc ? enterprise : null),
    cancellations: () => (record.state as EnterpriseHnteState).cancellations,
    ipClaims: (kind, number) => claims.get(ipKey(kind, number)) ?? [],
    expertPool: () => pool,
    addWorkingDays: workingDays(deps),
  };
}
