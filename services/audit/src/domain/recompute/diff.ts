import { diffStates, plain } from '../replay';

/** One differing leaf: its path, the recorded value and the recomputed one (null where a side has none). */
export interface FieldDiff {
  path: string;
  recorded: unknown;
  recomputed: unknown;
}

/** What a recomputation is held to: the recorded fields against the recomputed ones, field by field. */
export interface Comparison {
  match: boolean;
  diffs: FieldDiff[];
  recorded: unknown;
  recomputed: unknown;
}

/**
 * Compares two records as stored (plain JSON: no undefined members, no class instances), leaf by leaf; a
 * path names each difference (`score.points.total`, `trace.steps.3.values.points`). Equal records: no diffs.
 */
export function compareRecorded(recorded: unknown, recomputed: unknown): Comparison {
  const a = plain(recorded);
  const b = plain(recomputed);
  const diffs = diffStates(a, b).map((d) => ({
    path: d.path,
    recorded: d.recorded ?? null,
    recomputed: d.replayed ?? null,
  }));
  return { match: diffs.length === 0, diffs, recorded: a, recomputed: b };
}

/** A parameter overlay on a rule set or version: only names it has, so a typo is an error, not a silent no-op. */
export function overlay<T extends object>(
  base: T,
  overrides: Readonly<Record<string, unknown>> | undefined,
  what: string,
): { value: T; overridden: string[] } {
  if (!overrides || Object.keys(overrides).length === 0) return { value: base, overridden: [] };
  const unknown = Object.keys(overrides).filter((k) => !Object.prototype.hasOwnProperty.call(base, k));
  if (unknown.length > 0) throw new RecomputeInputError(`${what} has no parameter ${unknown.join(', ')}`);
  return { value: { ...base, ...overrides } as T, overridden: Object.keys(overrides).sort() };
}

/** A recompute request that cannot be honoured (unknown rule set, unknown parameter, malformed record). */
export class RecomputeInputError extends Error {
  readonly code = 'recompute.input';
}
