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
  ENTERPRISE_STREAM,
  SME_BATCH_STREAM,
  SME_EVALUATION_STREAM,
  smeEvaluationStreamId,
  ENTITLEMENT_STREAM,
  SUBSIDY_LEDGER_STREAM,
  SUBSIDY_POLICY_STREAM,
  WORKING_CALENDAR_STREAM,
} from './streams';
import { dlqTopicsOf, topicOfStream, TOPICS, topicsOwnedBy } from './topic-catalog';

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
});

describe('topic catalog', () => {
  it('names one owner per topic and picks the topic of a stream from it', () => {
    expect(new Set(TOPICS.map((t) => t.name)).size).toBe(TOPICS.length);
    expect(topicOfStream(ENTERPRISE_STREAM.id({ uscc: USCC }))).toBe('peiyu.registry.enterprise.v1');
    expect(topicOfStream(smeEvaluationStreamId(USCC, 2025))).toBe('peiyu.assessment.sme-evaluation.v1');
    expect(topicOfStream(SME_BATCH_STREAM.id({ batchId: 'b1' }))).toBe('peiyu.assessment.batch.v1');
    expect(topicOfStream(workingCalendarStreamId(2027))).toBe('peiyu.registry.working-calendar.v1');
    expect(WORKING_CALENDAR_STREAM.parse('working-calendar-2027')).toEqual({ year: 2027 });
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
