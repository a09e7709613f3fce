/** Who acted; structurally the contracts `Actor`. */
export interface Actor {
  role: string;
  id: string;
  region?: string;
}

/** What a decider emits: a type and its data (schema version defaults to the registry's latest). */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  schemaVersion?: number;
}

/** Metadata the store records with every event of one append. */
export interface AppendMetadata {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  traceparent?: string;
  /** Business time of the events; defaults to the store clock's now. */
  occurredAt?: Date;
}

/** The envelope as stored and published (contracts `EventEnvelope`), with its chain and global position. */
export interface RecordedEvent<TType extends string = string, TData = unknown> {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: TType;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  traceparent?: string;
  data: TData;
  position: number;
  prevHash: string;
  hash: string;
}

/** The envelope part of a recorded event (what travels on Kafka). */
export type EventEnvelope<TData = unknown> = Omit<
  RecordedEvent<string, TData>,
  'position' | 'prevHash' | 'hash'
>;

export function toEnvelope<TData>(e: RecordedEvent<string, TData>): EventEnvelope<TData> {
  const { position: _p, prevHash: _ph, hash: _h, ...envelope } = e;
  return envelope;
}
