/** A command failure that travels back to the client as `{ ok: 0, code, codeName, errmsg }`. */
export class MongoLiteError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly labels: string[] = [],
  ) {
    super(message);
  }

  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...this.extra,
    };
    if (this.labels.length > 0) reply.errorLabels = this.labels;
    return reply;
  }
}

export const badValue = (msg: string): MongoLiteError => new MongoLiteError(2, 'BadValue', msg);
export const typeMismatch = (msg: string): MongoLiteError => new MongoLiteError(14, 'TypeMismatch', msg);
export const failedToParse = (msg: string): MongoLiteError => new MongoLiteError(9, 'FailedToParse', msg);

/** Features this server refuses loudly instead of answering wrongly. */
export const notImplemented = (feature: string): MongoLiteError =>
  new MongoLiteError(238, 'NotImplemented', `mongo-lite does not support ${feature}`);

export const writeConflict = (): MongoLiteError =>
  new MongoLiteError(
    112,
    'WriteConflict',
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    {},
    ['TransientTransactionError'],
  );

export const noSuchTransaction = (txnNumber: number): MongoLiteError =>
  new MongoLiteError(
    251,
    'NoSuchTransaction',
    `Transaction with { txnNumber: ${txnNumber} } has been aborted or does not exist.`,
    {},
    ['TransientTransactionError'],
  );

/** Converts anything thrown while serving a command into a client-visible error. */
export function asMongoError(err: unknown): MongoLiteError {
  if (err instanceof MongoLiteError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  // mingo raises plain errors for operators it lacks; name the feature rather than answer wrongly.
  if (/unknown|unsupported|not supported|invalid/i.test(msg)) return badValue(msg);
  return new MongoLiteError(1, 'InternalError', msg);
}
