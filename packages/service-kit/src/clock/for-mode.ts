import type { PeiyuMode } from '../mode';
import { type Clock, systemClock } from './clock';
import { defaultClockFile, sharedClock } from './shared-clock';

/** Production runs on real time; local mode on the shared movable clock. */
export function clockForMode(mode: PeiyuMode, env: NodeJS.ProcessEnv = process.env): Clock {
  return mode === 'production' ? systemClock : sharedClock({ file: defaultClockFile(env) });
}
