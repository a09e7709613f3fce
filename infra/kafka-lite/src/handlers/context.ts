import type { SaslSession } from '../auth/sasl';
import type { Operation, ResourceType } from '../auth/config';
import type { Broker } from '../broker';
import type { Reader, Writer } from '../protocol/codec';

export interface RequestContext {
  broker: Broker;
  apiVersion: number;
  clientId: string;
  clientHost: string;
  /** Host and port this broker advertises in Metadata and FindCoordinator. */
  host: string;
  port: number;
  /** The connection's SASL state; null when the broker runs without authentication. */
  sasl: SaslSession | null;
  /** Whether this connection's principal may `op` the resource (always true without authentication). */
  can(op: Operation, type: ResourceType, name: string): boolean;
  /** Whether the principal may `op` some topic (KIP-679: idempotent producers need WRITE on any topic). */
  canAnyTopic(op: Operation): boolean;
  /** SaslHandshake v0: the next frames are raw SASL tokens, not Kafka requests. */
  expectRawSaslTokens(): void;
  /** Close the connection once this request's response is written (failed authentication). */
  closeAfterResponse(): void;
}

/** Decodes one request body and writes the response body; `null` means the request gets no response. */
export type Handler = (ctx: RequestContext, r: Reader, w: Writer) => Promise<Writer | null> | Writer | null;

/** The cluster resource's name in ACLs, as in Kafka. */
export const CLUSTER = 'kafka-cluster';
