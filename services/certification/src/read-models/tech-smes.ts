import { SME_BATCH_STREAM, SME_EVALUATION_STREAM } from '@peiyu/contracts';
import type { EventEnvelope, Projection } from '@peiyu/eventstore';

/**
 * Entered tech SMEs (科技型中小企业入库), from the assessment's topics: a batch stream's SmeEntered events list the
 * entries (one document per batch stream), an evaluation stream's SmeEntryRevoked marks one revoked (one
 * document per evaluation stream). The county's HNTE candidate list (驻马店 2021 "入库企业遴选") reads both.
 */
export interface TechSmeEntry {
  evaluationId: string;
  uscc: string;
  year: number;
  countyCode: string;
  registrationNumber: string;
  enteredOn: string;
  validUntil: string;
}

export interface TechSmeDoc {
  kind: 'batch' | 'revocation';
  entries: TechSmeEntry[];
  /** Revoked entries (by evaluation id). */
  revoked: string[];
}

export const TECH_SMES = 'certification_tech_sme_view';

export function techSmesProjection(): Projection<TechSmeDoc> {
  return {
    name: TECH_SMES,
    apply(doc, event: EventEnvelope) {
      if (event.type === 'SmeEntered' && SME_BATCH_STREAM.parse(event.streamId)) {
        const d = event.data as TechSmeEntry;
        const entry: TechSmeEntry = {
          evaluationId: d.evaluationId,
          uscc: d.uscc,
          year: d.year,
          countyCode: d.countyCode,
          registrationNumber: d.registrationNumber,
          enteredOn: d.enteredOn,
          validUntil: d.validUntil,
        };
        return { kind: 'batch', entries: [...(doc?.entries ?? []), entry], revoked: doc?.revoked ?? [] };
      }
      if (event.type === 'SmeEntryRevoked' && SME_EVALUATION_STREAM.parse(event.streamId)) {
        const id = (event.data as { evaluationId: string }).evaluationId;
        return { kind: 'revocation', entries: [], revoked: [...(doc?.revoked ?? []), id] };
      }
      return doc;
    },
  };
}
