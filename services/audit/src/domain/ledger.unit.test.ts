import { exampleUscc } from '@peiyu/policy';
import { registryHistory } from '../test-support/history';
import { arrive, findingKey, type LedgerHead } from './ledger';
import { verifyLedgerStream } from './verify-stream';

const E = exampleUscc('410402', 8101);

async function chained() {
  const h = await registryHistory(E);
  let head: LedgerHead | undefined;
  const entries = [];
  for (const e of h.envelopes) {
    const a = arrive(head, e, undefined);
    if (a.kind !== 'appended') throw new Error(a.kind);
    head = a.head;
    entries.push({ ...a.entry, seq: entries.length + 1 });
  }
  return { ...h, head: head!, entries };
}

describe('the ledger checks each event on arrival', () => {
  it("re-chains a stream to exactly the owner's hashes", async () => {
    const { records, entries, head } = await chained();
    expect(entries.map((e) => e.hash)).toEqual(records.map((r) => r.hash));
    expect(head).toEqual({ streamId: records[0]!.streamId, version: 3, hash: records[2]!.hash });
  });

  it('a re-delivery of the same bytes is nothing', async () => {
    const { envelopes, entries, head } = await chained();
    expect(arrive(head, envelopes[1]!, entries[1])).toEqual({ kind: 'duplicate' });
  });

  it('another event, or the same event with other bytes, for a held version is a fork with both hashes', async () => {
    const { envelopes, entries, head } = await chained();
    const altered = {
      ...envelopes[1]!,
      data: { ...(envelopes[1]!.data as object), newName: '篡改后的名称有限公司' },
    };
    const a = arrive(head, altered, entries[1]);
    expect(a).toMatchObject({
      kind: 'finding',
      finding: {
        check: 'fork',
        version: 2,
        evidence: { sameEventId: true, recorded: { hash: entries[1]!.hash } },
      },
    });
    const other = { ...envelopes[1]!, eventId: '019c9a6e-4f00-7000-8000-00000000abcd' };
    expect(arrive(head, other, entries[1])).toMatchObject({
      kind: 'finding',
      finding: { check: 'fork', evidence: { sameEventId: false } },
    });
  });

  it('a version beyond the next is a gap naming the missing versions; the missing one still links later', async () => {
    const { envelopes } = await chained();
    const first = arrive(undefined, envelopes[0]!, undefined);
    if (first.kind !== 'appended') throw new Error();
    const gap = arrive(first.head, envelopes[2]!, undefined);
    expect(gap).toMatchObject({
      kind: 'finding',
      finding: { check: 'gap', version: 3, evidence: { missing: [2, 2] } },
      head: { version: 1, gapAt: 2 },
    });
    if (gap.kind !== 'finding') throw new Error();
    expect(arrive(gap.head, envelopes[1]!, undefined)).toMatchObject({
      kind: 'appended',
      head: { version: 2 },
    });
  });

  it('the same observation twice is one finding (stable key)', async () => {
    const { envelopes, entries, head } = await chained();
    const altered = { ...envelopes[1]!, data: { ...(envelopes[1]!.data as object), newName: 'X有限公司' } };
    const a = arrive(head, altered, entries[1]);
    const b = arrive(head, altered, entries[1]);
    if (a.kind !== 'finding' || b.kind !== 'finding') throw new Error();
    expect(findingKey(a.finding)).toBe(findingKey(b.finding));
  });
});

describe('re-verifying a stream the ledger holds', () => {
  it('passes an intact stream and names the check for each tampering', async () => {
    const { entries, head } = await chained();
    expect(verifyLedgerStream(entries, head, undefined)).toMatchObject({ ok: true, checked: 3 });
    const edited = entries.map((e) =>
      e.streamVersion === 2 ? { ...e, data: { ...(e.data as object), newName: 'Y有限公司' } } : e,
    );
    expect(verifyLedgerStream(edited, head, undefined)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'hash-mismatch',
    });
    expect(verifyLedgerStream(entries.slice(0, 2), head, undefined)).toMatchObject({
      ok: false,
      reason: 'head-mismatch',
    });
    expect(verifyLedgerStream([entries[0]!, entries[2]!], head, undefined)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'gap',
    });
    const swapped = [entries[0]!, { ...entries[1]!, seq: 9 }, { ...entries[2]!, seq: 5 }];
    expect(verifyLedgerStream(swapped, head, undefined)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'order',
    });
    const relinked = [entries[0]!, { ...entries[1]!, prevHash: 'f'.repeat(64) }, entries[2]!];
    expect(verifyLedgerStream(relinked, head, undefined)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'broken-link',
    });
    const leaf = { streamId: head.streamId, version: 2, hash: 'e'.repeat(64) };
    expect(verifyLedgerStream(entries, head, leaf)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'checkpoint-mismatch',
    });
  });
});
