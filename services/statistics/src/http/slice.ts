import type { Router } from 'express';
import type { StatisticsDeps } from './deps';

/** A vertical slice: registers its routes with the service's dependencies. */
export type Slice = (router: Router, deps: StatisticsDeps) => void;
