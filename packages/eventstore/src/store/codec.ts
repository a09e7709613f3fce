/** One event's identity + data as the contracts registry sees it. */
export interface CodecInput {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/**
 * The part of the contracts `EventRegistry` the store needs. Declared structurally so tests and services can
 * pass the registry itself or any stand-in; errors thrown here propagate unchanged (ContractError).
 */
export interface EventCodec {
  /** Throws when the data does not match the schema of (type, schemaVersion). */
  validate(event: CodecInput): unknown;
  /** Upcasts to the latest schema version and validates. */
  decode(event: CodecInput): CodecInput;
  latestVersion(type: string): number;
}
