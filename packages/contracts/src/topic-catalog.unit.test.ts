import { workingCalendarStreamId } from './events/calendar';
import { entitlementStreamId, subsidyLedgerStreamId, subsidyPolicyStreamId } from './events/subsidy';
import {
  countyTargetsStreamId,
  enterpriseTitlesStreamId,
  indicatorReportStreamId,
  rankingMethodStreamId,
  rankingStreamId,
} from './events/statistics';
import {
  hnteApplicationStreamId,
  hnteEnterpriseStreamId,
  hnteExpertPoolStreamId,
  hnteRegisterStreamId,
} from './events/certification';
import {
  ENTERPRISE_STREAM,
  HNTE_APPLICATION_STREAM,
  HNTE_REGISTER_STREAM,
  SME_BATCH_STREAM,
  SME_EVALUATION_STREAM,
  smeEvaluationStreamId,
  ENTITLEMENT_STREAM,
  SUBSIDY_LEDGER_STREAM,
  SUBSIDY_POLICY_STREAM,
  WORKING_CALENDAR_STREAM,
} from './streams';
import { allEvents } from './events';
import {
  allCatalogTopics,
  dlqTopicsOf,
  misroutedReason,
  ownerOfEventType,
  ownerOfTopic,
  topicOfStream,
  TOPICS,
  topicsConsumedBy,
  topicsOwnedBy,
} from './topic-catalog';

const USCC = '91410402MA9G5K2X8R';

describe('stream ids: one helper per stream type', () => {
  it('builds and parses each type, and refuses the others', () => {
    const id = smeEvaluationStreamId(USCC, 2025);
    expect(id).toBe(`sme-evaluation-${USCC}-2025`);
    expect(SME_EVALUATION_STREAM.parse(id)).toEqual({ uscc: USCC, year: 2025 });
    expect(ENTERPRISE_STREAM.parse(id)).toBeNull();
    expect(SME_BATCH_STREAM.parse(SME_BATCH_STREAM.id({ batchId: 'b-1' }))).toEqual({ batchId: 'b-1' });
    expect(SME_EVALUATION_STREAM.parse(SME_BATCH_STREAM.id({ batchId: 'b-1' }))).toBeNull();
  });

  it('parses the certification streams; a batch id may hold hyphens, the USCC ends the application id', () => {
    const app = hnteApplicationStreamId('43-2022-1', USCC);
    expect(app).toBe(`hnte-application-43-2022-1-${USCC}`);
    expect(HNTE_APPLICATION_STREAM.parse(app)).toEqual({ batchId: '43-2022-1', uscc: USCC });
    expect(HNTE_REGISTER_STREAM.parse(hnteRegisterStreamId('430000', 2022))).toEqual({
      provinceCode: '430000',
      year: 2022,
    });
    expect(ENTERPRISE_STREAM.parse(hnteEnterpriseStreamId(USCC))).toBeNull();
  });
});

describe('topic catalog', () => {
  it('names one owner per topic and picks the topic of a stream from it', () => {
    expect(new Set(TOPICS.map((t) => t.name)).size).toBe(TOPICS.length);
    expect(topicOfStream(ENTERPRISE_STREAM.id({ uscc: USCC }))).toBe('peiyu.registry.enterprise.v1');
    expect(topicOfStream(smeEvaluationStreamId(USCC, 2025))).toBe('peiyu.assessment.sme-evaluation.v1');
    expect(topicOfStream(SME_BATCH_STREAM.id({ batchId: 'b1' }))).toBe('peiyu.assessment.batch.v1');
    expect(topicOfStream(workingCalendarStreamId(2027))).toBe('peiyu.registry.working-calendar.v1');
    expect(WORKING_CALENDAR_STREAM.parse('working-calendar-2027')).toEqual({ year: 2027 });
    expect(topicOfStream(hnteEnterpriseStreamId(USCC))).toBe('peiyu.certification.certificate.v1');
    expect(topicOfStream(hnteApplicationStreamId('b-1', USCC))).toBe(
      'peiyu.certification.hnte-application.v1',
    );
    expect(topicOfStream(hnteRegisterStreamId('430000', 2022))).toBe('peiyu.certification.hnte-register.v1');
    expect(topicOfStream(hnteExpertPoolStreamId('430000'))).toBe('peiyu.certification.hnte-expert-pool.v1');
    expect(() => topicOfStream('ledger-1')).toThrow(/no topic/);
    const ledger = {
      level: 'county',
      regionCode: '410402',
      policyId: 'hnte-award/county',
      budgetYear: 2026,
    } as const;
    expect(SUBSIDY_LEDGER_STREAM.id(ledger)).toBe(subsidyLedgerStreamId(ledger));
    expect(SUBSIDY_LEDGER_STREAM.parse(subsidyLedgerStreamId(ledger))).toEqual(ledger);
    expect(SUBSIDY_POLICY_STREAM.parse(subsidyPolicyStreamId('hnte-award/city'))).toEqual({
      policyId: 'hnte-award/city',
    });
    expect(ENTITLEMENT_STREAM.parse(entitlementStreamId('rd-subsidy-X-2025'))).toEqual({
      entitlementId: 'rd-subsidy-X-2025',
    });
    expect(topicOfStream(subsidyPolicyStreamId('rd-subsidy'))).toBe('peiyu.subsidy.policy.v1');
    expect(topicOfStream(entitlementStreamId('rd-subsidy-X-2025'))).toBe('peiyu.subsidy.entitlement.v1');
    expect(topicOfStream(subsidyLedgerStreamId(ledger))).toBe('peiyu.subsidy.ledger.v1');
  });

  it('gives each owner its topics with dead-letter companions, and consumers only the dead-letter ones', () => {
    expect(topicsOwnedBy('registry').map((t) => t.name)).toEqual([
      'peiyu.registry.enterprise.v1',
      'peiyu.registry.enterprise.v1.dlq',
      'peiyu.registry.working-calendar.v1',
      'peiyu.registry.working-calendar.v1.dlq',
    ]);
    expect(topicsOwnedBy('assessment').map((t) => [t.name, t.partitions])).toEqual([
      ['peiyu.registry.enterprise.v1', 6], // created with the owner's settings if assessment starts first
      ['peiyu.registry.enterprise.v1.dlq', 1],
      ['peiyu.registry.working-calendar.v1', 1], // every service reads it (CalendarFeed)
      ['peiyu.registry.working-calendar.v1.dlq', 1],
      ['peiyu.certification.certificate.v1', 6], // likewise, until the certification service runs
      ['peiyu.certification.certificate.v1.dlq', 1],
      ['peiyu.assessment.sme-evaluation.v1', 6],
      ['peiyu.assessment.sme-evaluation.v1.dlq', 1],
      ['peiyu.assessment.batch.v1', 3],
      ['peiyu.assessment.batch.v1.dlq', 1],
    ]);
    expect(
      topicsOwnedBy('certification')
        .filter((t) => !t.name.endsWith('.dlq'))
        .map((t) => t.name),
    ).toEqual([
      'peiyu.registry.enterprise.v1',
      'peiyu.registry.working-calendar.v1',
      'peiyu.assessment.sme-evaluation.v1',
      'peiyu.assessment.batch.v1',
      'peiyu.certification.certificate.v1',
      'peiyu.certification.hnte-application.v1',
      'peiyu.certification.hnte-register.v1',
      'peiyu.certification.hnte-expert-pool.v1',
    ]);
    expect(topicsOwnedBy('subsidy').map((t) => t.name)).toEqual([
      // the topics it consumes, created with their owners' settings if subsidy starts first
      'peiyu.registry.enterprise.v1',
      'peiyu.registry.enterprise.v1.dlq',
      'peiyu.assessment.sme-evaluation.v1',
      'peiyu.assessment.sme-evaluation.v1.dlq',
      'peiyu.assessment.batch.v1',
      'peiyu.assessment.batch.v1.dlq',
      'peiyu.certification.certificate.v1',
      'peiyu.certification.certificate.v1.dlq',
      'peiyu.subsidy.policy.v1',
      'peiyu.subsidy.policy.v1.dlq',
      'peiyu.subsidy.entitlement.v1',
      'peiyu.subsidy.entitlement.v1.dlq',
      'peiyu.subsidy.ledger.v1',
      'peiyu.subsidy.ledger.v1.dlq',
    ]);
    expect(dlqTopicsOf(['peiyu.registry.enterprise.v1']).map((t) => t.name)).toEqual([
      'peiyu.registry.enterprise.v1.dlq',
    ]);
  });

  it('routes each statistics stream to its own topic, never a look-alike prefix to another', () => {
    expect(topicOfStream(countyTargetsStreamId('411702', 2021))).toBe('peiyu.statistics.county-targets.v1');
    expect(topicOfStream(indicatorReportStreamId('411702', 2021, 2))).toBe(
      'peiyu.statistics.indicator-report.v1',
    );
    expect(topicOfStream(rankingMethodStreamId('411700', 2021))).toBe('peiyu.statistics.ranking-method.v1');
    expect(topicOfStream(rankingStreamId('411700', 2021, 3))).toBe('peiyu.statistics.ranking.v1');
    // `enterprise-titles-…` starts like `enterprise-…`: the registry's helper refuses it.
    expect(ENTERPRISE_STREAM.parse(enterpriseTitlesStreamId(USCC))).toBeNull();
    expect(topicOfStream(enterpriseTitlesStreamId(USCC))).toBe('peiyu.statistics.enterprise-title.v1');
    expect(topicsOwnedBy('statistics').map((t) => t.name)).toEqual(
      expect.arrayContaining(['peiyu.registry.enterprise.v1', 'peiyu.certification.certificate.v1']),
    );
  });
});

describe('event owners (finding 1: misrouted events)', () => {
  it('names the emitting service of every event type, and judges topic vs type owner', () => {
    expect(ownerOfEventType('EnterpriseRelocated')).toBe('registry');
    expect(ownerOfEventType('WorkingCalendarPublished')).toBe('registry');
    expect(ownerOfEventType('SmeEvaluationSubmitted')).toBe('assessment');
    expect(ownerOfEventType('ReviewDueDateMoved')).toBe('assessment');
    expect(ownerOfEventType('HnteCertified')).toBe('certification');
    expect(ownerOfEventType('NoSuchEvent')).toBeUndefined();
    expect(misroutedReason('peiyu.registry.enterprise.v1', 'EnterpriseRelocated')).toBeUndefined();
    expect(misroutedReason('peiyu.assessment.sme-evaluation.v1', 'EnterpriseRelocated')).toBe(
      'misrouted: EnterpriseRelocated is emitted by registry, but arrived on peiyu.assessment.sme-evaluation.v1 owned by assessment',
    );
    expect(misroutedReason('peiyu.certification.certificate.v1', 'SmeEntered')).toMatch(/^misrouted: /);
    // outside the catalog: not judged here
    expect(misroutedReason('some.test.topic', 'EnterpriseRelocated')).toBeUndefined();
  });

  it('every type of allEvents() has an owner; consumers and provisioned topics come from the catalog', () => {
    for (const type of allEvents().types())
      expect([type, ownerOfEventType(type)]).toEqual([type, expect.any(String)]);
    expect(topicsConsumedBy('assessment').map((t) => t.name)).toEqual([
      'peiyu.registry.enterprise.v1',
      'peiyu.registry.working-calendar.v1',
      'peiyu.certification.certificate.v1',
    ]);
    expect(topicsConsumedBy('registry')).toEqual([]);
    expect(allCatalogTopics()).toHaveLength(TOPICS.length * 2);
    expect(ownerOfTopic('peiyu.assessment.batch.v1')).toBe('assessment');
    expect(ownerOfTopic('peiyu.assessment.batch.v1.dlq')).toBeUndefined();
  });
});
