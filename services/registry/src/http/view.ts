import { enterpriseStreamId } from '@peiyu/contracts';
import { fold } from '@peiyu/eventstore';
import type { RegistryDecider } from '../domain/decider';
import type { Enterprise, EnterpriseState } from '../domain/state';
import type { RegistryDeps } from './deps';

/** The enterprise as the API shows it (single-record read: contact in full). */
export function enterpriseView(e: Enterprise, version: number) {
  return {
    uscc: e.uscc,
    name: e.name,
    divisionCode: e.divisionCode,
    foundedOn: e.foundedOn,
    industry: e.industry,
    hnteField: e.hnteField,
    contact: e.contact,
    status: e.status,
    sanctions: e.sanctions,
    formerNames: e.formerNames,
    version,
  };
}

export async function loadEnterprise(
  deps: Pick<RegistryDeps, 'store'> & { decider: RegistryDecider },
  uscc: string,
): Promise<{ state: EnterpriseState; version: number }> {
  const history = await deps.store.readStream(enterpriseStreamId(uscc));
  const version = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
  return { state: fold(deps.decider, history as never), version };
}

/** ETag is the stream version: strong, and If-Match compares it exactly. */
export const etagOf = (version: number) => `"${version}"`;

/** `"3"` or `W/"3"` → 3; anything else → NaN (never matches, so a garbled If-Match fails safe with 412). */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  return m ? Number(m[1]) : Number.NaN;
}
