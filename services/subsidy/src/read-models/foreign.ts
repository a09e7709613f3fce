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

/** A fact an award is calculated from, as recorded (the reaction and a later backfill read the same). */
export interface AwardFactRecord {
  eventId: string;
  correlationId: string;
  type: 'SmeEntered' | 'HnteCertified';
  data: Record<string, unknown>;
}
export interface AwardFactsDoc {
  facts: AwardFactRecord[];
}

export const AWARD_FACTS = 'subsidy_award_facts';

const AWARD_FACT_TYPES = new Set(['SmeEntered', 'HnteCertified']);

/**
 * The award facts (SmeEntered per batch stream, HnteCertified per certification stream): last year's entry of an
 * enterprise ("entered two years in a row"), and the facts a policy published later is applied to (backfill).
 */
export function awardFactsProjection(): Projection<AwardFactsDoc> {
  return {
    name: AWARD_FACTS,
    apply(doc, e: EventEnvelope) {
      if (!AWARD_FACT_TYPES.has(e.type)) return doc;
      const fact = {
        eventId: e.eventId,
        correlationId: e.correlationId,
        type: e.type as AwardFactRecord['type'],
        data: e.data as Record<string, unknown>,
      };
      return { facts: [...(doc?.facts ?? []), fact] };
    },
  };
}
