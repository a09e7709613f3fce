import { allEvents } from '@peiyu/contracts';
import {
  PrincipalClaimsSchema,
  UnauthenticatedError,
  type Principal,
  type TokenVerifier,
} from '@peiyu/service-kit';
import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import type { EventCodec } from '../store/codec';
import { MemoryEventStore } from '../store/memory-store';
import { dbOf, type Db } from '../store/mongo-docs';

/**
 * For a service's in-process API specs: the in-memory event store, read models and idempotency records in an
 * in-process mongo-lite (port 0; open the IdempotencyStore on `db`), a manual clock, and bearer tokens that are the principal itself — verified
 * by the same claim schema as real tokens, never signed: a test double that exists only under test-support.
 */
export interface ApiHarness {
  store: MemoryEventStore;
  db: Db;
  clock: ManualClock;
  verifier: TokenVerifier;
  /** `Authorization` header for a principal. */
  as(p: Omit<Principal, 'sub'> & { sub?: string }): { Authorization: string };
  close(): Promise<void>;
}

let dbCounter = 0;

export async function apiHarness(
  startAt = '2026-03-02T01:00:00Z',
  /** The service's event registry (e.g. with its v2 events registered); default allEvents(). */
  codec: EventCodec = allEvents(),
): Promise<ApiHarness> {
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const mongo = await startMongoLite({ port: 0, log: () => undefined });
  const connection = await mongoose
    .createConnection(mongo.uri, { dbName: `api_${process.pid}_${++dbCounter}` })
    .asPromise();
  const db = dbOf(connection);
  const clock = new ManualClock(startAt);
  const store = new MemoryEventStore({ clock, codec });
  return {
    store,
    db,
    clock,
    verifier: {
      // Anything that is not an encoded principal is refused as a real verifier refuses a bad token: 401.
      verify: async (token) => {
        try {
          return PrincipalClaimsSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString()));
        } catch {
          throw new UnauthenticatedError('the token is not valid');
        }
      },
    },
    as: (p) => ({
      Authorization: `Bearer ${Buffer.from(JSON.stringify({ sub: `${p.role}-1`, ...p })).toString('base64url')}`,
    }),
    close: async () => {
      await connection.close();
      await mongo.stop();
    },
  };
}
