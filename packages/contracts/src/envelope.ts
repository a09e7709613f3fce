import { z } from 'zod';
import { ActorSchema } from './roles';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// W3C Trace Context, version 00: 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export const EventIdSchema = z.string().regex(UUID_V7, 'must be a UUID v7');
export const TraceparentSchema = z.string().regex(TRACEPARENT, 'must be a W3C traceparent');
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export const IsoDateSchema = z.iso.date();

/**
 * The envelope every stored and published event travels in. `data` is validated separately against the
 * event type's own schema (see EventRegistry), so the envelope stays stable while event shapes evolve.
 */
export const EventEnvelopeSchema = z
  .object({
    eventId: EventIdSchema,
    streamId: z.string().min(1).max(200),
    streamVersion: z.number().int().min(1),
    type: z.string().regex(/^[A-Z][A-Za-z0-9]+$/, 'must be a PascalCase past-tense event name'),
    schemaVersion: z.number().int().min(1),
    occurredAt: IsoDateTimeSchema,
    recordedAt: IsoDateTimeSchema,
    actor: ActorSchema,
    correlationId: z.string().min(1).max(128),
    causationId: z.string().min(1).max(128).nullable(),
    traceparent: TraceparentSchema.optional(),
    data: z.unknown(),
  })
  .strict();
export type EventEnvelope<TData = unknown> = Omit<z.infer<typeof EventEnvelopeSchema>, 'data'> & {
  data: TData;
};
