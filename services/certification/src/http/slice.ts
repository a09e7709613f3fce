import type { Router } from 'express';
import type { CertificationDeps } from './deps';

/** A vertical slice: registers its routes with the service's dependencies. */
export type Slice = (router: Router, deps: CertificationDeps) => void;
