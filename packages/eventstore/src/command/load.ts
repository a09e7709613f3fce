import { fold, type Decider } from '../decider/decider';
import type { EventStore } from '../store/event-store';
import type { DomainEvent, RecordedEvent } from '../types';

/** A stream's state as of its last event, and that event's version (0: the stream does not exist). */
export interface Loaded<State> {
  state: State;
  version: number;
}

/**
 * THE one way a command or a single-record read loads a stream: the verifying read, so a stream whose chain,
 * head record or checkpoint fails throws IntegrityError (HTTP 503 `integrity.broken`, alert logged) and nothing
 * is decided or appended on top of it.
 */
export async function loadStream<State, Event extends DomainEvent>(
  store: Pick<EventStore, 'readStreamVerified'>,
  decider: Pick<Decider<State, never, Event, never>, 'initialState' | 'evolve'>,
  streamId: string,
  /** `decide`: the caller appends next (the command pipeline): see `EventStore.readStreamVerified`. */
  purpose: 'decide' | 'read' = 'read',
): Promise<Loaded<State> & { events: RecordedEvent[] }> {
  const events = await store.readStreamVerified(streamId, { purpose });
  const version = events.length === 0 ? 0 : events[events.length - 1]!.streamVersion;
  return { state: fold(decider, events as unknown as Event[]), version, events };
}
