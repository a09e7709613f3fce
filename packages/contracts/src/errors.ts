/** Every failure of decoding/validating an event is a ContractError; callers never see anything else. */
export class ContractError extends Error {
  constructor(
    message: string,
    readonly eventType: string,
    readonly schemaVersion: number | undefined,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class UnknownEventTypeError extends ContractError {}
export class UnknownEventVersionError extends ContractError {}
export class EventValidationError extends ContractError {
  constructor(
    message: string,
    eventType: string,
    schemaVersion: number | undefined,
    readonly issues: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(message, eventType, schemaVersion);
  }
}
