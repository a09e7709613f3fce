import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import type { Enterprise } from '../domain/state';
import { evolve, type RegistryEvent } from '../domain/state';

/** 企业名录: one document per enterprise, with its place at every level for scoped, indexed lists. */
export interface DirectoryDoc extends Place {
  enterprise: Enterprise;
  uscc: string;
  name: string;
  status: Enterprise['status'];
  activeSanctions: number;
  /** The destination of a transfer awaiting an answer (finding 3), placed for the destination's scoped list. */
  transferTo: Place | null;
  updatedAt: string;
}

export const DIRECTORY = 'enterprise_directory';

/**
 * Folds the registry's own events, from its own store, with the same `evolve` as the aggregate: one truth.
 * `cityCode` is null for 省直管县, so a city bureau's list never shows them (the kit's listScope).
 */
export function enterpriseDirectory(scope: ScopeOptions): StoreProjection<DirectoryDoc> {
  return {
    name: DIRECTORY,
    indexes: [
      { key: { uscc: 1 }, name: 'uscc', unique: true },
      { key: { countyCode: 1, uscc: 1 }, name: 'county' },
      { key: { cityCode: 1, uscc: 1 }, name: 'city' },
      { key: { provinceCode: 1, uscc: 1 }, name: 'province' },
      { key: { 'transferTo.countyCode': 1, uscc: 1 }, name: 'transfer_county' },
    ],
    apply(doc: DirectoryDoc | undefined, event: RecordedEvent): DirectoryDoc | undefined {
      const next = evolve(doc?.enterprise ?? null, { type: event.type, data: event.data } as RegistryEvent);
      if (!next) return doc;
      return {
        enterprise: next,
        uscc: next.uscc,
        name: next.name,
        ...placeOf(next.divisionCode, scope),
        status: next.status,
        activeSanctions: next.sanctions.filter((s) => s.liftedOn === null).length,
        transferTo: next.pendingTransfer ? placeOf(next.pendingTransfer.toDivisionCode, scope) : null,
        updatedAt: event.recordedAt,
      };
    },
  };
}
