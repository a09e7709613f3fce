import { enterpriseStreamId } from '@peiyu/contracts';
import { loadStream, type EventStore } from '@peiyu/eventstore';
import { registryDecider } from '../domain/decide';
import type { Enterprise, EnterpriseState } from '../domain/state';

/** The enterprise as the API shows it (single-record read: contact in full). */
export function enterpriseView(e: Enterprise, version: number) {
  return {
    uscc: e.uscc,
    name: e.name,
    countyCode: e.divisionCode,
    foundedOn: e.foundedOn,
    industry: e.industry,
    hnteField: e.hnteField,
    contact: e.contact,
    status: e.status,
    sanctions: e.sanctions,
    formerNames: e.formerNames,
    pendingTransfer: e.pendingTransfer ?? null,
    version,
  };
}

/** The enterprise's stream, through the kit's one load function. */
export function loadEnterprise(
  store: Pick<EventStore, 'readStreamVerified'>,
  uscc: string,
): Promise<{ state: EnterpriseState; version: number }> {
  return loadStream(store, registryDecider, enterpriseStreamId(uscc));
}
