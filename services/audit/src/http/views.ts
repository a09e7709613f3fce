import { NotFoundError, principalOf } from '@peiyu/service-kit';
import type { Request } from 'express';
import { UsccSchema } from '@peiyu/contracts';
import { z } from 'zod';
import { hasPersonal, maskPersonal } from '../domain/timeline';
import type { EntryDoc, StreamDoc } from '../read-models/ledger';
import { authoriseStream } from './access';
import type { AuditDeps } from './deps';

export const StreamParams = z.strictObject({
  streamId: z
    .string()
    .min(3)
    .max(200)
    .regex(/^[A-Za-z0-9-]+$/, 'must be a stream id'),
});
export const UsccParams = z.strictObject({ uscc: UsccSchema });

/** The ledger's stream, after the access check (404 when unknown: existence is not shown to outsiders). */
export async function streamFor(
  deps: AuditDeps,
  req: Request,
  streamId: string,
  action: 'read' | 'act' = 'read',
): Promise<StreamDoc> {
  const stream = await deps.ledger.streams.findOne({ _id: streamId });
  if (!stream)
    throw new NotFoundError({
      en: `no stream ${streamId} in the ledger`,
      zh: `账本中没有事件流 ${streamId}`,
    });
  authoriseStream(deps, principalOf(req), action, stream, `stream ${streamId}`);
  return stream;
}

/** One entry as shown: its envelope, chain fields and data with personal data masked. */
export function entryView(e: EntryDoc) {
  return {
    streamId: e.streamId,
    version: e.streamVersion,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    actor: e.actor,
    correlationId: e.correlationId,
    data: maskPersonal(e.data),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export const anyPersonal = (entries: readonly EntryDoc[]) => entries.some((e) => hasPersonal(e.data));
