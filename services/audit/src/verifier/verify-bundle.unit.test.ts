import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalize, linkHash } from '@peiyu/eventstore';
import { canonical, eventHash } from './verify-bundle';

describe('the standalone verifier', () => {
  it('imports nothing but Node built-ins (an auditor can run it anywhere)', () => {
    const src = readFileSync(join(__dirname, 'verify-bundle.ts'), 'utf8');
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.every((i) => i!.startsWith('node:'))).toBe(true);
  });

  it("agrees with the eventstore's canonical form and chain hash, including the README's worked example", () => {
    const samples = [
      { b: 1, a: [true, null, -0, 0.1, 1.5e-7], 培育: '"\\\n\u0001', e: '😀', '\uff01': 1 },
      'x',
      12345678901234,
    ];
    for (const s of samples) expect(canonical(s)).toBe(canonicalize(s));
    const example = {
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
    const h = eventHash('sha256', '0'.repeat(64), example);
    expect(h).toBe('c97ccfb8cbcedd15f874b8df9f29ace01356a38684146697fc887555d5a0cd7c');
    expect(h).toBe(linkHash('0'.repeat(64), example));
  });
});
