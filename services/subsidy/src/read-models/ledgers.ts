import { SUBSIDY_LEDGER_STREAM } from '@peiyu/contracts';
import type { StoreProjection } from '@peiyu/eventstore';
import {
  budgetStatus,
  initialLedgerState,
  ledgerDecider,
  type BudgetStatus,
  type FiscalLevel,
  type LedgerEvent,
  type LedgerState,
} from '../domain';

/**
 * One document per ledger (level × region × policy × budget year) with its live budget consumption. The place
 * fields are the paying bureau's own: a county ledger is placed in its county, city and province; a city
 * ledger has no county; a province ledger only a province. So `listScope` shows each bureau its ledgers and
 * those of the levels below it within its region.
 */
export interface LedgerDoc extends BudgetStatus {
  ledgerId: string;
  level: FiscalLevel;
  regionCode: string;
  policyId: string;
  budgetYear: number;
  countyCode: string | null;
  cityCode: string | null;
  provinceCode: string;
  shares: number;
  state: LedgerState;
}

export const LEDGERS = 'subsidy_ledgers';

function placeOfLedger(level: FiscalLevel, region: string, provinciallyAdministered: ReadonlySet<string>) {
  const provinceCode = `${region.slice(0, 2)}0000`;
  if (level === 'province') return { countyCode: null, cityCode: null, provinceCode };
  if (level === 'city') return { countyCode: null, cityCode: region, provinceCode };
  const cityCode = provinciallyAdministered.has(region) ? null : `${region.slice(0, 4)}00`;
  return { countyCode: region, cityCode, provinceCode };
}

export function ledgersProjection(provinciallyAdministered: ReadonlySet<string>): StoreProjection<LedgerDoc> {
  return {
    name: LEDGERS,
    keysOf: (e) => (SUBSIDY_LEDGER_STREAM.parse(e.streamId) ? [e.streamId] : []),
    indexes: [
      { key: { provinceCode: 1, level: 1 }, name: 'province' },
      { key: { cityCode: 1, level: 1 }, name: 'city' },
      { key: { countyCode: 1, level: 1 }, name: 'county' },
    ],
    apply(doc, e) {
      const key = SUBSIDY_LEDGER_STREAM.parse(e.streamId)!;
      const state = ledgerDecider.evolve(doc?.state ?? initialLedgerState, {
        type: e.type,
        data: e.data,
      } as LedgerEvent);
      return {
        ledgerId: e.streamId,
        ...key,
        ...placeOfLedger(key.level, key.regionCode, provinciallyAdministered),
        ...budgetStatus(state),
        shares: Object.keys(state.shares).length,
        state,
      };
    },
  };
}
