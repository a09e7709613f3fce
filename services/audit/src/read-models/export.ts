import type { AuditCheckpoints } from './checkpoints';
import type { Ledger } from './ledger';

const EVENT_FIELDS = [
  'eventId',
  'streamId',
  'streamVersion',
  'type',
  'schemaVersion',
  'occurredAt',
  'recordedAt',
  'actor',
  'correlationId',
  'causationId',
  'traceparent',
  'data',
  'prevHash',
  'hash',
] as const;

/**
 * An export for offline verification, as JSON Lines (README "Export format"): a header with the latest signed
 * checkpoint and the public key, every head the checkpoint covers (the verifier recomputes the Merkle root),
 * then each selected stream's events up to its checkpointed version, with their hashes. Events are exported
 * unmasked: the hashes are over the real bytes, and the export is an auditor's act, logged by the caller.
 */
export async function exportBundle(
  ledger: Ledger,
  checkpoints: AuditCheckpoints,
  where: Record<string, unknown>,
  meta: { region?: string; from?: string; to?: string; createdAt: string },
): Promise<{ text: string; streams: number; events: number } | undefined> {
  const cp = await checkpoints.latest();
  if (!cp) return undefined;
  const out: string[] = [
    JSON.stringify({
      kind: 'peiyu-audit-bundle',
      format: 1,
      ...meta,
      hashAlg: 'sha256',
      checkpoint: cp,
      publicKey: checkpoints.publicKeyPem,
    }),
  ];
  const heads = await checkpoints.headsOf(cp.id);
  for (const h of heads) out.push(JSON.stringify({ kind: 'head', ...h }));
  const covered = new Map(heads.map((h) => [h.streamId, h.version]));
  const filter: Record<string, unknown> = { ...where };
  if (meta.from) filter.lastRecordedAt = { $gte: meta.from };
  if (meta.to) filter.firstRecordedAt = { $lte: meta.to };
  let streams = 0;
  let events = 0;
  for await (const s of ledger.streams.find(filter).sort({ _id: 1 })) {
    const upTo = covered.get(s._id);
    if (upTo === undefined) continue;
    streams++;
    for (const e of await ledger.stream(s._id, upTo)) {
      const rec: Record<string, unknown> = { kind: 'event' };
      for (const f of EVENT_FIELDS) if (e[f] !== undefined) rec[f] = e[f];
      out.push(JSON.stringify(rec));
      events++;
    }
  }
  return { text: out.join('\n') + '\n', streams, events };
}
