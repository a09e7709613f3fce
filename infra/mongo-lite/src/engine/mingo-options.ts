import type { Options } from 'mingo/types';

export const MINGO_OPTIONS: Partial<Options> = { idKey: '_id', useStrictMode: true };
