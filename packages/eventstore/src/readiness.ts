import type mongoose from 'mongoose';
import type { OutboxRelay } from './outbox/relay';
import type { Clock } from './clock';

/** A readiness probe in the service kit's shape (`{ name, check }`; a throw means not ready). */
export interface Readiness {
  name: string;
  check: () => Promise<void>;
}

/**
 * What an event-sourced service needs to be ready: its database answers, and its outbox is not stuck — events
 * unpublished for longer than `maxLagMs` mean Kafka has been unreachable and downstream views are going stale.
 */
export function eventStoreReadiness(o: {
  connection: mongoose.Connection;
  relay: Pick<OutboxRelay, 'lag'>;
  clock: Clock;
  maxLagMs?: number;
}): Readiness[] {
  const maxLagMs = o.maxLagMs ?? 60_000;
  return [
    { name: 'mongo', check: async () => void (await o.connection.db!.command({ ping: 1 })) },
    {
      name: 'outbox',
      check: async () => {
        const lag = await o.relay.lag();
        if (lag.oldestRecordedAt && o.clock.now().getTime() - Date.parse(lag.oldestRecordedAt) > maxLagMs) {
          throw new Error(`${lag.events} events unpublished for over ${Math.round(maxLagMs / 1000)} s`);
        }
      },
    },
  ];
}
