import { entryValidOn, techSmeCampaign, TECH_SME_CAMPAIGN_ROWS, type CampaignRow } from './campaign';

describe('techSmeCampaign: parameters per province and year that never run out', () => {
  it('gives the work guide defaults for a year in the data (国科火字〔2022〕67号)', () => {
    expect(techSmeCampaign('410000', 2025)).toMatchObject({
      year: 2025,
      ruleSetId: 'tsme-2017-115/2023',
      countyReviewWorkingDays: 5,
      noticeWorkingDays: 10,
      entryValidUntil: '2026-03-31',
      basis: 'data',
    });
  });

  it.each([2027, 2035, 2100])('carries the latest row forward for %i and says so', (year) => {
    const last = Math.max(...TECH_SME_CAMPAIGN_ROWS.map((r) => r.toYear));
    const p = techSmeCampaign('430000', year);
    expect(year).toBeGreaterThan(last);
    expect(p).toMatchObject({ basis: 'default', entryValidUntil: `${year + 1}-03-31` });
    expect(p.ref).toContain(`carried forward from ${last}`);
  });

  it('prefers a province row over the national one, in its years only', () => {
    const ningxia: CampaignRow = {
      provinceCode: '640000',
      fromYear: 2024,
      toYear: 2025,
      countyReviewWorkingDays: 7,
      noticeWorkingDays: 10,
      entryValidUntil: { yearOffset: 0, monthDay: '12-31' },
      ref: 'test row',
    };
    const rows = [...TECH_SME_CAMPAIGN_ROWS, ningxia];
    expect(techSmeCampaign('640000', 2025, rows)).toMatchObject({
      countyReviewWorkingDays: 7,
      entryValidUntil: '2025-12-31',
      basis: 'data',
    });
    expect(techSmeCampaign('640000', 2023, rows).countyReviewWorkingDays).toBe(5);
    expect(techSmeCampaign('640000', 2026, rows)).toMatchObject({
      countyReviewWorkingDays: 5,
      basis: 'data',
    });
    expect(techSmeCampaign('640000', 2030, rows)).toMatchObject({
      countyReviewWorkingDays: 7,
      basis: 'default',
    });
    expect(techSmeCampaign('410000', 2025, rows).countyReviewWorkingDays).toBe(5);
  });

  it('refuses only a year before the rule and a malformed province', () => {
    expect(() => techSmeCampaign('410000', 2016)).toThrow(
      expect.objectContaining({ code: 'tsme.campaign-year' }),
    );
    expect(() => techSmeCampaign('410400', 2025)).toThrow(expect.objectContaining({ code: 'tsme.province' }));
  });
});

describe('entryValidOn: an entry past its validity is expired (tech-sme.md workflow 5)', () => {
  const entry = { enteredOn: '2025-11-20', validUntil: '2026-03-31' };
  it.each([
    ['2025-11-19', false],
    ['2025-11-20', true],
    ['2026-03-31', true],
    ['2026-04-01', false],
  ])('on %s → %s', (date, valid) => {
    expect(entryValidOn(entry, date)).toBe(valid);
  });
});
