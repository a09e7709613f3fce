import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@peiyu/service-kit';
import { loadCheckpointKey } from './keys';
import {
  CheckpointKeyError,
  exportSpki,
  generateCheckpointKeyPem,
  publicKeyFromPem,
  signingKeyFromPem,
  signStatement,
  verifyStatement,
} from './signing';

const statement = Buffer.from('{"digest":"00"}', 'utf8');

describe('checkpoint signatures', () => {
  it.each(['ed25519', 'sm2-sm3'] as const)('%s: signs and verifies; a changed byte fails', (alg) => {
    const key = signingKeyFromPem(alg, generateCheckpointKeyPem(alg));
    const pub = publicKeyFromPem(alg, exportSpki(key.publicKey));
    expect(pub.keyId).toBe(key.keyId);
    const sig = signStatement(key, statement);
    expect(verifyStatement(pub, statement, sig)).toBe(true);
    expect(verifyStatement(pub, Buffer.from('{"digest":"01"}'), sig)).toBe(false);
    expect(verifyStatement(pub, statement, 'not base64 at all')).toBe(false);
  });

  it('sm2-sm3 is the SM2 scheme, not ECDSA over the SM2 curve', () => {
    // A key object straight from generateKeyPairSync is a plain EC key: it signs ECDSA. The same key through
    // its PEM is an SM2 key. An ECDSA signature must not pass as an SM2 one.
    const { privateKey: ecKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    expect(ecKey.asymmetricKeyType).toBe('ec');
    const pem = ecKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const sm2 = signingKeyFromPem('sm2-sm3', pem);
    const pub = publicKeyFromPem('sm2-sm3', exportSpki(sm2.publicKey));
    const ecdsa = sign('sm3', statement, ecKey).toString('base64');
    expect(verifyStatement(pub, statement, ecdsa)).toBe(false);
    expect(verifyStatement(pub, statement, signStatement(sm2, statement))).toBe(true);
  });

  it('refuses keys of the wrong kind and unknown algorithms', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(() => signingKeyFromPem('sm2-sm3', p256.toString())).toThrow(CheckpointKeyError);
    expect(() => signingKeyFromPem('ed25519', generateCheckpointKeyPem('sm2-sm3'))).toThrow(
      CheckpointKeyError,
    );
    expect(() => signingKeyFromPem('ed25519', 'junk')).toThrow(CheckpointKeyError);
    expect(() => generateCheckpointKeyPem('rsa' as never)).toThrow(/ed25519, sm2-sm3/);
    expect(createPublicKey(p256.toString()).asymmetricKeyType).toBe('ec');
  });
});

describe('checkpoint keys', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'cpkeys-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('local mode: one key per service under .peiyu/keys, mode 0600, generated once', async () => {
    const env = { PEIYU_HOME: home };
    const a = await loadCheckpointKey({ service: 'registry', mode: 'local', env });
    const b = await loadCheckpointKey({ service: 'registry', mode: 'local', env });
    const other = await loadCheckpointKey({ service: 'assessment', mode: 'local', env });
    expect(b.keyId).toBe(a.keyId);
    expect(other.keyId).not.toBe(a.keyId);
    const file = join(home, 'keys', 'checkpoint-registry.ed25519.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sm2 = await loadCheckpointKey({
      service: 'registry',
      mode: 'local',
      env: { ...env, PEIYU_CHECKPOINT_ALG: 'sm2-sm3' },
    });
    expect(sm2.algorithm).toBe('sm2-sm3');
  });

  it('production: the key comes from the environment, never generated', async () => {
    await expect(
      loadCheckpointKey({ service: 'registry', mode: 'production', env: {} }),
    ).rejects.toBeInstanceOf(ConfigError);
    const pem = generateCheckpointKeyPem('ed25519');
    const key = await loadCheckpointKey({
      service: 'registry',
      mode: 'production',
      env: { PEIYU_CHECKPOINT_KEY: pem },
    });
    expect(key.keyId).toBe(signingKeyFromPem('ed25519', pem).keyId);
    await expect(
      loadCheckpointKey({ service: 'registry', mode: 'local', env: { PEIYU_CHECKPOINT_ALG: 'rsa' } }),
    ).rejects.toBeInstanceOf(CheckpointKeyError);
  });
});
