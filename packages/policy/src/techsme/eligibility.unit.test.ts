import { barringSanctions, type SanctionRecord } from './eligibility';

const s = (kind: string, occurredOn: string, liftedOn: string | null = null): SanctionRecord => ({
  kind,
  occurredOn,
  liftedOn,
});
const kinds = (xs: SanctionRecord[], on = '2026-05-10') =>
  barringSanctions(xs, 2026, on).barring.map((x) => `${x.kind}@${x.occurredOn}`);

describe('barringSanctions — 115号 第六条(四) "未列入经营异常名录和严重违法失信企业名单"', () => {
  it('a listing bars only while it stands on the submission date', () => {
    expect(kinds([s('serious_dishonesty_list', '2025-02-01', '2026-01-15')])).toEqual([]); // lifted before
    expect(kinds([s('serious_dishonesty_list', '2025-02-01', '2026-05-10')])).toEqual([]); // lifted that day
    expect(kinds([s('business_anomaly_list', '2025-02-01', '2026-05-11')])).toEqual([
      'business_anomaly_list@2025-02-01',
    ]);
    expect(kinds([s('business_anomaly_list', '2019-02-01')])).toEqual(['business_anomaly_list@2019-02-01']);
    expect(kinds([s('business_anomaly_list', '2026-05-11')])).toEqual([]); // listed after submitting
  });

  it('an occurrence in the previous or current year bars even if lifted; an older one does not', () => {
    expect(kinds([s('major_safety_accident', '2025-01-01', '2025-03-01')])).toEqual([
      'major_safety_accident@2025-01-01',
    ]);
    expect(kinds([s('environmental_violation', '2024-12-31')])).toEqual([]);
    expect(barringSanctions([], 2026, '2026-05-10').ref).toContain('第六条(四)');
  });
});
