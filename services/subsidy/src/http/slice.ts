import type { Router } from 'express';
import type { SubsidyDeps } from './deps';

/** A vertical slice: registers its routes with the service's dependencies. */
export type Slice = (router: Router, deps: SubsidyDeps) => void;
