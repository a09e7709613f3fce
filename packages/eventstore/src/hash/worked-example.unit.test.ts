import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { linkHash } from './chain';

// The README's worked example, recomputed without the package: the bytes are written out by hand here, from
// the rules in the README, and hashed with plain node:crypto.
const zeros = '0'.repeat(64);
const canonicalLine =
  '{"actor":{"id":"u-7","region":"410402","role":"county_reviewer"},' +
  '"causationId":null,"correlationId":"c-1",' +
  '"data":{"amount":0,"openedOn":"2026-03-01","owner":"\u57f9\u80b2 \\"A\\"","rate":0.1},' +
  '"eventId":"019c9a6e-4f00-7000-8000-000000000001",' +
  '"occurredAt":"2026-03-01T08:00:00.000Z","recordedAt":"2026-03-01T08:00:00.123Z",' +
  '"schemaVersion":1,"streamId":"ledger-1","streamVersion":1,"type":"LedgerOpened"}';
const expectedHash = 'c97ccfb8cbcedd15f874b8df9f29ace01356a38684146697fc887555d5a0cd7c';
const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README worked example (canonical form and hash)', () => {
  it('hand-written bytes hash, with plain node:crypto, to the documented hash', () => {
    const bytes = Buffer.concat([
      Buffer.from(zeros, 'ascii'),
      Buffer.from([0x0a]),
      Buffer.from(canonicalLine, 'utf8'),
    ]);
    expect(bytes.length).toBe(458);
    expect(bytes.includes(Buffer.from([0xe5, 0x9f, 0xb9, 0xe8, 0x82, 0xb2]))).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(expectedHash);
  });

  it('the README shows those bytes and that hash', () => {
    expect(readme).toContain(canonicalLine);
    expect(readme).toContain(expectedHash);
  });

  it('the package computes the same hash for the README event', () => {
    const event = {
      eventId: '019c9a6e-4f00-7000-8000-000000000001',
      streamId: 'ledger-1',
      streamVersion: 1,
      type: 'LedgerOpened',
      schemaVersion: 1,
      occurredAt: '2026-03-01T08:00:00.000Z',
      recordedAt: '2026-03-01T08:00:00.123Z',
      actor: { role: 'county_reviewer', id: 'u-7', region: '410402' },
      correlationId: 'c-1',
      causationId: null,
      data: { owner: '培育 "A"', openedOn: '2026-03-01', amount: -0, rate: 0.1 },
      position: 17,
    };
    expect(linkHash(zeros, event)).toBe(expectedHash);
  });
});
