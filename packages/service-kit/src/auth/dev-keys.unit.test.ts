import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test-support';
import { DEV_KEY_FILE, loadDevKeys } from './dev-keys';

describe('local dev keys', () => {
  it('are generated once, privately, and reused by later loads', async () => {
    const tmp = tempDir();
    try {
      const dir = join(tmp.dir, 'keys');
      const first = await loadDevKeys(dir);
      const second = await loadDevKeys(dir);
      expect(second.kid).toBe(first.kid);
      expect(first.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: first.kid });
      expect(first.publicJwk).not.toHaveProperty('d');
      expect(statSync(join(dir, DEV_KEY_FILE)).mode & 0o777).toBe(0o600);
    } finally {
      tmp.cleanup();
    }
  });

  it('agree on one key when several loaders race on an empty folder', async () => {
    const tmp = tempDir();
    try {
      const loaded = await Promise.all(Array.from({ length: 8 }, () => loadDevKeys(tmp.dir)));
      expect(new Set(loaded.map((k) => k.kid)).size).toBe(1);
      expect(readdirSync(tmp.dir)).toEqual([DEV_KEY_FILE]); // no temporary files left behind
    } finally {
      tmp.cleanup();
    }
  });
});
