import type { Router } from 'express';
import type { AssessmentDeps } from './deps';
import type { KeyedSerialiser } from './serial';

/** What every vertical slice receives: the dependencies and the per-province serialiser. */
export interface SliceContext {
  deps: AssessmentDeps;
  serial: KeyedSerialiser;
}

export type Slice = (router: Router, ctx: SliceContext) => void;
