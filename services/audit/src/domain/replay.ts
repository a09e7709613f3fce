import { evolveBatch, evolveEvaluation, initialBatchState, initialEvaluationState } from '@peiyu/assessment';
import {
  ENTERPRISE_STREAM,
  SME_BATCH_STREAM,
  SME_EVALUATION_STREAM,
  WORKING_CALENDAR_STREAM,
} from '@peiyu/contracts';
import { canonicalize } from '@peiyu/eventstore';
import { evolve as evolveEnterprise, initialState as initialEnterprise } from '@peiyu/registry';

/** An event as the owner's fold takes it: upcast to its latest schema (the shell decodes with the codec). */
export interface Decoded {
  type: string;
  data: unknown;
}

export interface Owner {
  service: 'registry' | 'assessment';
  stream: string;
  initial: unknown;
  evolve(state: unknown, event: Decoded): unknown;
}

// The owners' own pure folds, imported from the services' pure cores (their package index exports only the
// domain, no server code): a replay runs exactly the code that decided, not a copy of it.
/* eslint-disable @typescript-eslint/no-explicit-any */
const OWNERS: Array<Owner & { parse(id: string): unknown }> = [
  {
    service: 'registry',
    stream: 'enterprise',
    parse: ENTERPRISE_STREAM.parse,
    initial: initialEnterprise,
    evolve: evolveEnterprise as any,
  },
  {
    service: 'assessment',
    stream: 'sme-evaluation',
    parse: SME_EVALUATION_STREAM.parse,
    initial: initialEvaluationState,
    evolve: evolveEvaluation as any,
  },
  {
    service: 'assessment',
    stream: 'sme-batch',
    parse: SME_BATCH_STREAM.parse,
    initial: initialBatchState,
    evolve: evolveBatch as any,
  },
];
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The owner whose fold replays this stream; undefined for streams without a replayable fold (yet). */
export function ownerOf(streamId: string): Owner | undefined {
  if (WORKING_CALENDAR_STREAM.parse(streamId)) return undefined;
  return OWNERS.find((o) => o.parse(streamId) !== null);
}

/** The state of a stream after `events`, as plain JSON (what is stored and compared). */
export function foldStream(owner: Owner, events: readonly Decoded[]): unknown {
  let state = owner.initial;
  for (const e of events) state = owner.evolve(state, e);
  return plain(state);
}

export function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export interface FieldDiff {
  path: string;
  recorded: unknown;
  replayed: unknown;
}

/** Field-by-field differences of two JSON states (paths like `sanctions.0.liftedOn`). */
export function diffStates(recorded: unknown, replayed: unknown, path = ''): FieldDiff[] {
  if (canonicalize(recorded ?? null) === canonicalize(replayed ?? null)) return [];
  const isObj = (v: unknown) => v !== null && typeof v === 'object';
  if (!isObj(recorded) || !isObj(replayed) || Array.isArray(recorded) !== Array.isArray(replayed))
    return [{ path: path || '(root)', recorded, replayed }];
  const a = recorded as Record<string, unknown>;
  const b = replayed as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => diffStates(a[k], b[k], path ? `${path}.${k}` : k));
}
