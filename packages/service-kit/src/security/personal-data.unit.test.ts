import { Writable } from 'node:stream';
import { createLogger } from '../http/logging';
import { logPersonalDataRead, maskAccountId, maskActor } from '../http/personal-data';

describe('finding 5 — personal data reads: one log line shape, account ids masked', () => {
  it('logs who read what, why, and whether masked', () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write: (c: Buffer, _e, done) => {
        lines.push(JSON.parse(c.toString()));
        done();
      },
    });
    logPersonalDataRead(
      createLogger('t', {}, sink),
      { sub: 'u-1', role: 'county_reviewer', region: '410402' },
      {
        what: 'enterprise history',
        subject: '91410402MA9G5K2X8R',
        fields: ['contact'],
        why: 'history read',
        masked: true,
      },
    );
    expect(lines[0]).toMatchObject({
      event: 'personal_data_read',
      by: { sub: 'u-1', role: 'county_reviewer', region: '410402' },
      what: 'enterprise history',
      subject: '91410402MA9G5K2X8R',
      fields: ['contact'],
      why: 'history read',
      masked: true,
    });
  });

  it('masks account ids to two characters, keeping role and region of an actor', () => {
    expect(maskAccountId('county_reviewer-1')).toBe('co***');
    expect(maskAccountId('ab')).toBe('***');
    expect(maskActor({ role: 'admin', id: 'admin-7', region: '410000' })).toEqual({
      role: 'admin',
      id: 'ad***',
      region: '410000',
    });
  });
});
