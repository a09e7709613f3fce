import {
  CheckpointWriter,
  generateCheckpointKeyPem,
  headLine,
  ManualClock,
  MemoryCheckpointStore,
  publicKeyFromPem,
  exportSpki,
  signingKeyFromPem,
  type CheckpointAlgorithm,
  type StreamHeadEntry,
} from '@peiyu/eventstore';
import { exampleUscc } from '@peiyu/policy';
import { registryHistory } from '../test-support/history';
import { checkAuditCheckpoint, sealCheckpoint, verifyServiceCheckpoint } from './checkpoint';
import { merklePath } from './merkle';
import { verifyInclusion, type ChainedView } from './proof';

const keyFor = (alg: CheckpointAlgorithm) => signingKeyFromPem(alg, generateCheckpointKeyPem(alg));
const E = exampleUscc('410402', 8201);

describe.each(['ed25519', 'sm2-sm3'] as const)(
  'audit checkpoints signed with %s (the eventstore signer)',
  (alg) => {
    it('seals a Merkle root over the heads; an event is proven included; tampering is refused, naming the step', async () => {
      const { records } = await registryHistory(E);
      const key = keyFor(alg);
      const pub = publicKeyFromPem(alg, exportSpki(key.publicKey));
      const last = records[records.length - 1]!;
      const heads: StreamHeadEntry[] = [
        { streamId: 'a-other', version: 4, hash: 'a'.repeat(64) },
        { streamId: last.streamId, version: last.streamVersion, hash: last.hash },
        { streamId: 'z-other', version: 1, hash: 'b'.repeat(64) },
      ];
      const cp = sealCheckpoint({ seq: 7, at: '2026-03-04T00:00:00.000Z', heads, key });
      expect(cp).toMatchObject({
        id: '000000000007',
        service: 'audit',
        count: 3,
        alg,
        digestAlg: alg === 'ed25519' ? 'sha256' : 'sm3',
      });
      expect(checkAuditCheckpoint(cp, heads, pub)).toBeUndefined();
      expect(checkAuditCheckpoint(cp, heads.slice(1), pub)).toMatch(/not the signed ones/);
      expect(checkAuditCheckpoint({ ...cp, at: '2026-03-05T00:00:00.000Z' }, heads, pub)).toMatch(
        /signature/,
      );

      const views = records as unknown as ChainedView[];
      const proof = {
        checkpoint: cp,
        event: views[0]!,
        successors: views.slice(1),
        leaf: { index: 1, ...heads[1]! },
        path: merklePath(cp.digestAlg, heads.map(headLine), 1),
      };
      expect(verifyInclusion(proof, pub)).toMatchObject({ ok: true });
      const byte = {
        ...proof,
        event: { ...views[0]!, data: { ...(views[0]!.data as object), name: '篡改有限公司' } },
      };
      expect(verifyInclusion(byte, pub)).toMatchObject({
        ok: false,
        failed: 'version 1: hash does not match its bytes',
      });
      expect(verifyInclusion({ ...proof, successors: views.slice(2) }, pub)).toMatchObject({
        ok: false,
        failed: 'version 3 after 1',
      });
      expect(verifyInclusion({ ...proof, path: proof.path.reverse() }, pub)).toMatchObject({
        ok: false,
        failed: /Merkle path/,
      });
      const other = keyFor(alg);
      expect(verifyInclusion(proof, publicKeyFromPem(alg, exportSpki(other.publicKey)))).toMatchObject({
        ok: false,
        failed: /signature/,
      });
    });
  },
);

describe("verifying a service's own signed checkpoint against the ledger", () => {
  async function serviceCheckpoint() {
    const h = await registryHistory(E);
    const key = keyFor('ed25519');
    const checkpoints = new MemoryCheckpointStore();
    const writer = new CheckpointWriter({
      service: 'registry',
      store: h.store,
      checkpoints,
      key,
      clock: new ManualClock('2026-03-05T00:00:00Z'),
    });
    await writer.writeOnce();
    const cp = (await checkpoints.latest())!;
    const heads: StreamHeadEntry[] = [];
    for await (const x of checkpoints.heads(cp.id)) heads.push(x);
    return { ...h, cp, heads, pub: publicKeyFromPem('ed25519', exportSpki(key.publicKey)) };
  }

  it("matches when the ledger's chain holds the signed hash; a pending head is reported, not a finding", async () => {
    const { cp, heads, pub, records } = await serviceCheckpoint();
    const ledger = new Map(records.map((r) => [`${r.streamId}@${r.streamVersion}`, r.hash]));
    const ok = verifyServiceCheckpoint({
      checkpoint: cp,
      heads,
      key: pub,
      ledgerHashAt: (s, v) => ledger.get(`${s}@${v}`),
      ledgerVersionOf: () => 3,
    });
    expect(ok).toMatchObject({ ok: true, matched: 1, pending: [], findings: [] });
    const behind = verifyServiceCheckpoint({
      checkpoint: cp,
      heads,
      key: pub,
      ledgerHashAt: () => undefined,
      ledgerVersionOf: () => 2,
    });
    expect(behind).toMatchObject({ ok: true, matched: 0, pending: [{ version: 3 }] });
  });

  it('a rewritten history (other hash at the signed version), forged heads or a foreign key are findings', async () => {
    const { cp, heads, pub, streamId } = await serviceCheckpoint();
    const rewritten = verifyServiceCheckpoint({
      checkpoint: cp,
      heads,
      key: pub,
      ledgerHashAt: () => 'c'.repeat(64),
      ledgerVersionOf: () => 3,
    });
    expect(rewritten.findings).toEqual([
      expect.objectContaining({
        streamId,
        version: 3,
        check: 'checkpoint-mismatch',
        evidence: expect.objectContaining({ signed: heads[0]!.hash, ledger: 'c'.repeat(64) }),
      }),
    ]);
    const forged = verifyServiceCheckpoint({
      checkpoint: cp,
      heads: [{ ...heads[0]!, hash: 'd'.repeat(64) }],
      key: pub,
      ledgerHashAt: () => undefined,
      ledgerVersionOf: () => 3,
    });
    expect(forged.findings[0]).toMatchObject({
      streamId: `checkpoint:registry:${cp.id}`,
      check: 'checkpoint-mismatch',
      evidence: { detail: 'the heads given are not the signed ones' },
    });
    const foreign = publicKeyFromPem('ed25519', exportSpki(keyFor('ed25519').publicKey));
    expect(
      verifyServiceCheckpoint({
        checkpoint: cp,
        heads,
        key: foreign,
        ledgerHashAt: () => undefined,
        ledgerVersionOf: () => 3,
      }).findings[0]!.evidence.detail,
    ).toMatch(/expected ed25519 key/);
  });
});
