import type { IntegrityCheck, VerifyFailure } from '../hash/verify';

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

/**
 * A ConcurrencyError, told by its name as the kit's error handler tells it: a store loaded from another copy
 * of this module (the tests' harness imports the sources, the pipeline runs from `dist`) throws its own class.
 */
export function isConcurrencyError(err: unknown): err is ConcurrencyError {
  return err instanceof ConcurrencyError || (err as Error | undefined)?.name === 'ConcurrencyError';
}

/** An append that cannot be valid whatever the stream holds (no events, bad expected version). */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/**
 * A stream whose stored events no longer verify: a broken hash link, a missing or extra event against the head
 * record, or heads that disagree with the last signed checkpoint. Nothing may be appended on top; the HTTP layer
 * answers 503 problem `integrity.broken` and logs an alert. The one error type for every integrity failure.
 */
export class IntegrityError extends Error {
  constructor(
    readonly streamId: string,
    /** The first version that failed a check (or the head version when the head record disagrees). */
    readonly version: number,
    /** Which check caught it (see `IntegrityCheck`). */
    readonly check: IntegrityCheck,
    readonly detail: string,
  ) {
    super(`stream ${streamId} fails integrity at version ${version} (${check}): ${detail}`);
    this.name = 'IntegrityError';
  }

  static of(streamId: string, failure: VerifyFailure): IntegrityError {
    return new IntegrityError(streamId, failure.brokenAt, failure.reason, failure.detail);
  }
}
