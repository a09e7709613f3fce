import { ConfigError, parseDuration, type PeiyuMode } from '@peiyu/service-kit';
import type { Clock } from '../clock';
import type { Logger } from '../observability';
import type { MongoEventStore } from '../store/mongo-store';
import { dbOf } from '../store/mongo-docs';
import { CheckpointAnchor } from './anchor';
import { loadCheckpointKey } from './keys';
import { MongoCheckpointStore } from './store';
import { CheckpointVerifier } from './verifier';
import { CheckpointWriter } from './writer';

function intervalMs(env: NodeJS.ProcessEnv): number {
  const text = env['PEIYU_CHECKPOINT_INTERVAL'] || '5m';
  let ms = 0;
  try {
    ms = parseDuration(text);
  } catch {
    /* reported below */
  }
  if (ms < 1000)
    throw new ConfigError([
      { variable: 'PEIYU_CHECKPOINT_INTERVAL', message: 'must be a duration of at least 1s (e.g. 5m)' },
    ]);
  return ms;
}

/**
 * A service's signed checkpoints in one call, for its start-up: the key (`loadCheckpointKey`), the
 * `checkpoints` collections of its own database, a writer on `PEIYU_CHECKPOINT_INTERVAL` (default 5m) whose
 * first round starts at once (in the background: a failing round logs an alert, it does not stop the service),
 * a verifier with the public key, and the store's verifying read anchored to the last checkpoint. `stop()`
 * before closing the connection (it waits for a running round).
 */
export async function startCheckpoints(o: {
  service: string;
  mode: PeiyuMode;
  store: MongoEventStore;
  clock: Clock;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}): Promise<{ writer: CheckpointWriter; verifier: CheckpointVerifier; stop(): Promise<void> }> {
  const env = o.env ?? process.env;
  const interval = intervalMs(env);
  const key = await loadCheckpointKey({ service: o.service, mode: o.mode, env });
  const checkpoints = await MongoCheckpointStore.open(dbOf(o.store.connection));
  const common = { store: o.store, checkpoints, hashAlgorithm: o.store.algorithm };
  const writer = new CheckpointWriter({
    ...common,
    service: o.service,
    key,
    clock: o.clock,
    intervalMs: interval,
    ...(o.logger ? { logger: o.logger } : {}),
  });
  const verifier = new CheckpointVerifier({ ...common, key });
  // Commands now also refuse a stream that disagrees with the last signed checkpoint.
  o.store.useCheckpoints(new CheckpointAnchor(checkpoints, key));
  writer.start({ immediately: true });
  return { writer, verifier, stop: () => writer.stop() };
}
