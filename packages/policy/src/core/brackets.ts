import { gte, parseFraction, type Rational } from './rational';

/** One row of a points table: the lower bound is included ("含"), as the published tables say. */
export interface RatioBracket {
  /** Lower bound as an exact decimal string, e.g. '0.30'. */
  readonly min: string;
  readonly points: number;
  readonly label: string;
}

export interface BracketHit {
  readonly points: number;
  readonly label: string;
}

/** The first bracket (tables are ordered best first) whose lower bound the ratio reaches; else `below`. */
export function pickBracket(
  ratio: Rational,
  brackets: readonly RatioBracket[],
  below: BracketHit,
): BracketHit {
  for (const b of brackets) {
    if (gte(ratio, parseFraction(b.min))) return { points: b.points, label: b.label };
  }
  return below;
}
