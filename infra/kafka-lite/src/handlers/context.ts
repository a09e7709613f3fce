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
}

/** Decodes one request body and writes the response body; `null` means the request gets no response. */
export type Handler = (ctx: RequestContext, r: Reader, w: Writer) => Promise<Writer | null> | Writer | null;
