import type { EventEnvelope, Projection } from '@peiyu/eventstore';

/**
 * Other services' facts as subsidy needs them, one document per source stream (Kafka consumers):
 * - the registry's enterprises: current county and name (an R&D application's county; an HNTE certificate
 *   without a county);
 * - assessment's entries (SmeEntered, per batch stream): last year's entry of an enterprise ("entered two
 *   years in a row").
 */
export interface EnterpriseDoc {
  uscc: string;
  name: string;
  countyCode: string;
}

export const ENTERPRISES = 'subsidy_enterprise_view';

export function enterprisesProjection(): Projection<EnterpriseDoc> {
  return {
    name: ENTERPRISES,
    apply(doc, e: EventEnvelope) {
      const d = e.data as {
        uscc: string;
        name: string;
        divisionCode: string;
        newName: string;
        toDivisionCode: string;
      };
      switch (e.type) {
        case 'EnterpriseRegistered':
          return { uscc: d.uscc, name: d.name, countyCode: d.divisionCode };
        case 'EnterpriseRenamed':
          return doc && { ...doc, name: d.newName };
        case 'EnterpriseRelocated':
          return doc && { ...doc, countyCode: d.toDivisionCode };
        default:
          return doc;
      }
    },
  };
}

export interface EntryRecord {
  uscc: string;
  year: number;
  eventId: string;
  registrationNumber: string;
}
export interface EntriesDoc {
  years: number[];
  entries: EntryRecord[];
}

export const SME_ENTRIES = 'subsidy_sme_entries';

export function smeEntriesProjection(): Projection<EntriesDoc> {
  return {
    name: SME_ENTRIES,
    apply(doc, e: EventEnvelope) {
      if (e.type !== 'SmeEntered') return doc;
      const d = e.data as { uscc: string; year: number; registrationNumber: string };
      const entries = [
        ...(doc?.entries ?? []),
        { uscc: d.uscc, year: d.year, eventId: e.eventId, registrationNumber: d.registrationNumber },
      ];
      return { entries, years: [...new Set(entries.map((x) => x.year))] };
    },
  };
}
