/** Another writer appended to the stream first; the HTTP layer answers 409. Nothing was written. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
  ) {
    super(
      `stream ${streamId}: expected version ${expectedVersion}` +
        (actualVersion === undefined ? ', another writer appended first' : `, found ${actualVersion}`),
    );
    this.name = 'ConcurrencyError';
  }
}

/** An append that cannot be valid whatever the stream holds (no events, bad expected version). */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
