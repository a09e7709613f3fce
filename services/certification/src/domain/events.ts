import type { z } from 'zod';
import type {
  EventDefinition,
  HNTE_APPLICATION_EVENTS,
  HNTE_ENTERPRISE_EVENTS,
  HNTE_EXPERT_POOL_EVENTS,
  HNTE_REGISTER_EVENTS,
} from '@peiyu/contracts';

/** `{ type, data }` for each event definition of a list (distributes over the union). */
type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

/** Events of a province-year register stream (batches, certificate serial). */
export type RegisterEvent = EventOf<(typeof HNTE_REGISTER_EVENTS)[number]>;
/** Events of a province's expert-pool stream. */
export type ExpertPoolEvent = EventOf<(typeof HNTE_EXPERT_POOL_EVENTS)[number]>;
/** Events of one application stream (one enterprise, one batch). */
export type ApplicationEvent = EventOf<(typeof HNTE_APPLICATION_EVENTS)[number]>;
/** Events of an enterprise's HNTE record (certificates and after care), latest versions. */
export type EnterpriseEvent = EventOf<(typeof HNTE_ENTERPRISE_EVENTS)[number]>;

export type DataOf<E extends { type: string; data: unknown }, T extends E['type']> = Extract<
  E,
  { type: T }
>['data'];
