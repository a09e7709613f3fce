import { ENTERPRISE_STREAM, SME_BATCH_STREAM } from '@peiyu/contracts';
import { placeOf, type ScopeOptions } from '@peiyu/service-kit';
import { usccOfStream } from './timeline';

/** Where a stream's records lie, for scoped lists: a county for enterprise records, a province for batches. */
export interface StreamPlace {
  countyCode: string | null;
  cityCode: string | null;
  provinceCode: string | null;
}

/**
 * The place of a stream after an event: an enterprise's county from its registration or relocation; an
 * evaluation's from its enterprise (as the ledger knows it) or, before that, the division code inside the
 * USCC (GB 32100: characters 3–8); a batch's province from its data. Reference streams (the calendar) have none.
 */
export function placeAfter(
  streamId: string,
  current: StreamPlace | undefined,
  event: { type: string; data: unknown },
  enterpriseCounty: (uscc: string) => string | undefined,
  scope: ScopeOptions,
): StreamPlace {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (ENTERPRISE_STREAM.parse(streamId)) {
    const county =
      event.type === 'EnterpriseRegistered'
        ? data.divisionCode
        : event.type === 'EnterpriseRelocated'
          ? data.toDivisionCode
          : undefined;
    if (typeof county === 'string') return placeOf(county, scope);
  }
  if (current)
    return { countyCode: current.countyCode, cityCode: current.cityCode, provinceCode: current.provinceCode };
  if (SME_BATCH_STREAM.parse(streamId) && typeof data.provinceCode === 'string')
    return { countyCode: null, cityCode: null, provinceCode: data.provinceCode };
  const uscc = usccOfStream(streamId);
  if (uscc) {
    const county = enterpriseCounty(uscc) ?? uscc.slice(2, 8);
    if (/^\d{6}$/.test(county)) return placeOf(county, scope);
  }
  return { countyCode: null, cityCode: null, provinceCode: null };
}

/** The region an access check judges a stream by. */
export function regionOfPlace(p: StreamPlace): string | undefined {
  return p.countyCode ?? p.provinceCode ?? undefined;
}
