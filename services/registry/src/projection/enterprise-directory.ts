import type { EventEnvelope, Projection } from '@peiyu/eventstore';
import type { Region } from '@peiyu/policy';
import type { Enterprise } from '../domain/state';
import { evolve, type RegistryEvent } from '../domain/state';

/** 企业名录: one document per enterprise, with its place at every level for scoped, indexed lists. */
export interface DirectoryDoc {
  enterprise: Enterprise;
  uscc: string;
  name: string;
  divisionCode: string;
  provinceCode: string;
  /** The city bureau that oversees it; null for 省直管县 (they report to the province directly). */
  cityCode: string | null;
  status: Enterprise['status'];
  activeSanctions: number;
  updatedAt: string;
}

export const DIRECTORY = 'enterprise_directory';

function placeOf(code: string, parse: (code: string) => Region | null) {
  const r = parse(code);
  return {
    provinceCode: r?.province.code ?? `${code.slice(0, 2)}0000`,
    cityCode: r ? (r.provinciallyAdministered ? null : (r.city?.code ?? null)) : `${code.slice(0, 4)}00`,
  };
}

/** Folds the registry's own events (from Kafka) with the same `evolve` as the aggregate: one truth. */
export function enterpriseDirectory(parse: (code: string) => Region | null): Projection<DirectoryDoc> {
  return {
    name: DIRECTORY,
    apply(doc: DirectoryDoc | undefined, event: EventEnvelope): DirectoryDoc | undefined {
      const next = evolve(doc?.enterprise ?? null, { type: event.type, data: event.data } as RegistryEvent);
      if (!next) return doc;
      return {
        enterprise: next,
        uscc: next.uscc,
        name: next.name,
        divisionCode: next.divisionCode,
        ...placeOf(next.divisionCode, parse),
        status: next.status,
        activeSanctions: next.sanctions.filter((s) => s.liftedOn === null).length,
        updatedAt: event.recordedAt,
      };
    },
  };
}
