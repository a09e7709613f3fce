/**
 * Errors raised by the policy rules. A typed error with a stable `code` lets services map bad input to a 4xx
 * answer without parsing messages; the rules never return NaN or partial results instead.
 */
export class PolicyInputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = 'PolicyInputError';
    this.code = code;
  }
}

/** Raised when a date falls in a year the calendar holds no holiday data for: a guess would move legal deadlines. */
export class CalendarDataError extends PolicyInputError {
  readonly year: number;
  constructor(year: number) {
    super(
      'calendar.no-data',
      `no holiday data or statutory rule for ${year} (provisional calendars cover 2008–2099)`,
    );
    this.name = 'CalendarDataError';
    this.year = year;
  }
}

export function requireNonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PolicyInputError(
      'input.not-integer',
      `${name} must be a non-negative safe integer, got ${String(value)}`,
    );
  }
  return value;
}
