import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, createSecretFileOnce, defaultKeyDir, type PeiyuMode } from '@peiyu/service-kit';
import {
  assertCheckpointAlgorithm,
  generateCheckpointKeyPem,
  signingKeyFromPem,
  type CheckpointAlgorithm,
  type CheckpointSigningKey,
} from './signing';

/**
 * Where a service's checkpoint key comes from:
 * - production: `PEIYU_CHECKPOINT_KEY` (the PKCS#8 PEM itself, e.g. from a secret store) or
 *   `PEIYU_CHECKPOINT_KEY_FILE` (a path to it); neither set stops start-up with a ConfigError;
 * - local mode: `<PEIYU_HOME>/keys/checkpoint-<service>.<algorithm>.pem` (mode 0600), generated on first use.
 * `PEIYU_CHECKPOINT_ALG` picks `ed25519` (default) or `sm2-sm3`. The key never lives in the database: an
 * attacker with write access there cannot sign.
 */
export async function loadCheckpointKey(o: {
  service: string;
  mode: PeiyuMode;
  env?: NodeJS.ProcessEnv;
}): Promise<CheckpointSigningKey> {
  const env = o.env ?? process.env;
  const algorithm = env['PEIYU_CHECKPOINT_ALG'] || 'ed25519';
  assertCheckpointAlgorithm(algorithm);
  const inline = env['PEIYU_CHECKPOINT_KEY'];
  if (inline) return signingKeyFromPem(algorithm, inline);
  const file = env['PEIYU_CHECKPOINT_KEY_FILE'];
  if (file) return signingKeyFromPem(algorithm, await fs.readFile(file, 'utf8'));
  if (o.mode === 'production')
    throw new ConfigError([
      {
        variable: 'PEIYU_CHECKPOINT_KEY_FILE',
        message: 'is required in production (or PEIYU_CHECKPOINT_KEY)',
      },
    ]);
  return localCheckpointKey(o.service, algorithm, defaultKeyDir(env));
}

/** Local mode: one key per service and algorithm under the key directory, made once. */
export async function localCheckpointKey(
  service: string,
  algorithm: CheckpointAlgorithm,
  keyDir: string,
): Promise<CheckpointSigningKey> {
  if (!/^[a-z0-9-]+$/.test(service)) throw new Error(`bad service name for a key file: ${service}`);
  const file = join(keyDir, `checkpoint-${service}.${algorithm}.pem`);
  const existing = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (existing) return signingKeyFromPem(algorithm, existing);
  await createSecretFileOnce(file, () => generateCheckpointKeyPem(algorithm));
  return signingKeyFromPem(algorithm, await fs.readFile(file, 'utf8'));
}
