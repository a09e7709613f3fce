import type { AppendMetadata, DomainEvent } from '@peiyu/eventstore';
import { instantOn } from './dates';
import type { Rng } from './rng';

/** One append as a service would make it: events of one stream, one actor, one instant. */
export interface Append {
  streamId: string;
  events: DomainEvent[];
  meta: AppendMetadata;
  at: Date;
  /** Set when the stream already has this many events from an earlier unit (the append continues it). */
  after?: number;
  /** The command a service's decider decided into these events, and its day (kept in memory for tests). */
  decision?: { command: unknown; today: string };
}

export type Actor = AppendMetadata['actor'];

export const enterpriseActor = (uscc: string): Actor => ({ role: 'enterprise', id: uscc });
export const countyActor = (county: string): Actor => ({
  role: 'county_reviewer',
  id: `county-reviewer-${county}`,
  region: county,
});
export const provinceActor = (province: string): Actor => ({
  role: 'province_reviewer',
  id: `province-reviewer-${province}`,
  region: province,
});

/** An append on `on` (office hours); the correlation id is drawn from the unit's seeded source. */
export function appendOn(
  rng: Rng,
  streamId: string,
  on: string,
  actor: Actor,
  events: DomainEvent[],
): Append {
  const at = instantOn(on, rng.int(0, 8 * 3600 - 1));
  return {
    streamId,
    events,
    at,
    meta: { actor, correlationId: rng.uuid(at), causationId: null, occurredAt: at },
  };
}

/**
 * Keeps a stream's instants strictly increasing in version order (two steps drawn on the same day may get
 * their times the wrong way round): a step that would come first moves to a minute after the one before.
 */
export function monotonic(appends: Append[]): Append[] {
  let last = 0;
  return appends.map((a) => {
    const t = Math.max(a.at.getTime(), last + 60_000);
    last = t;
    if (t === a.at.getTime()) return a;
    const at = new Date(t);
    return { ...a, at, meta: { ...a.meta, occurredAt: at } };
  });
}
