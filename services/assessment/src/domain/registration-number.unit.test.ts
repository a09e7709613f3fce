import {
  checkRegistrationNumberFormat,
  DEFAULT_REGISTRATION_NUMBER_FORMAT,
  formatRegistrationNumber,
} from './registration-number';

describe('registration numbers (入库登记编号)', () => {
  it('formats the default {year}{province}{seq:6}', () => {
    expect(
      formatRegistrationNumber(DEFAULT_REGISTRATION_NUMBER_FORMAT, {
        year: 2025,
        countyCode: '410402',
        seq: 7,
      }),
    ).toBe('202541000007');
  });

  it('formats a province-specific template with the county and a prefix', () => {
    const t = 'HN-{year}-{county}-{seq:5}';
    expect(formatRegistrationNumber(t, { year: 2025, countyCode: '430602', seq: 123 })).toBe(
      'HN-2025-430602-00123',
    );
    expect(
      formatRegistrationNumber('{provinceCode}{year}{seq:4}', { year: 2026, countyCode: '640104', seq: 9 }),
    ).toBe('64000020260009');
  });

  it('refuses a sequence wider than its field rather than breaking the layout', () => {
    expect(() =>
      formatRegistrationNumber('{year}{seq:3}', { year: 2025, countyCode: '410402', seq: 1000 }),
    ).toThrow(/does not fit in 3 digits/);
  });

  it.each(['{year}{province}', '{year}{seq}', '{seq:3}{seq:3}', '{year}{city}{seq:4}'])(
    'refuses the unusable template %s',
    (t) => {
      expect(() => checkRegistrationNumberFormat(t)).toThrow(RangeError);
    },
  );
});
