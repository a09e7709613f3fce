import { EventEnvelopeSchema } from '@peiyu/contracts';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { EventCodec } from '../store/codec';
import type { EventEnvelope } from '../types';

export type Decoded = { ok: true; event: EventEnvelope } | { ok: false; error: Error };

/** Message → envelope upcast to the latest schema. Any failure is a poison message (retrying cannot help). */
export function decodeMessage(message: KafkaMessage, codec: EventCodec | undefined): Decoded {
  try {
    if (!message.value) throw new Error('message has no value');
    const envelope = EventEnvelopeSchema.parse(JSON.parse(message.value.toString('utf8'))) as EventEnvelope;
    if (!codec) return { ok: true, event: envelope };
    const d = codec.decode({
      type: envelope.type,
      schemaVersion: envelope.schemaVersion,
      data: envelope.data,
    });
    return { ok: true, event: { ...envelope, schemaVersion: d.schemaVersion, data: d.data } };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
  }
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}
