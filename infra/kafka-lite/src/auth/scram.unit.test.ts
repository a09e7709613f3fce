import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { passwordMatches, scramCredential, ScramExchange } from './scram';

// The worked example of RFC 7677 §3 (user "user", password "pencil").
const RFC = {
  salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverNonceSuffix: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal:
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

const pencil = scramCredential('pencil', 4096, Buffer.from(RFC.salt, 'base64'));
const exchange = () =>
  new ScramExchange(
    (u) => (u === 'user' ? pencil : undefined),
    () => RFC.serverNonceSuffix,
  );

describe('SCRAM-SHA-256 (RFC 5802 / RFC 7677)', () => {
  it('reproduces the RFC 7677 exchange byte for byte', () => {
    const x = exchange();
    expect(x.step(Buffer.from(RFC.clientFirst))).toEqual({
      kind: 'continue',
      reply: Buffer.from(RFC.serverFirst),
    });
    expect(x.step(Buffer.from(RFC.clientFinal))).toEqual({
      kind: 'done',
      reply: Buffer.from(RFC.serverFinal),
      user: 'user',
    });
  });

  it('refuses a proof made with another password', () => {
    const x = exchange();
    x.step(Buffer.from(RFC.clientFirst));
    const nonce = RFC.serverFirst.split(',')[0]?.slice(2) ?? '';
    // What a client holding the wrong password sends (RFC 5802 §3, written out independently of the module).
    const salted = pbkdf2Sync('pencil2', Buffer.from(RFC.salt, 'base64'), 4096, 32, 'sha256');
    const clientKey = createHmac('sha256', salted).update('Client Key').digest();
    const storedKey = createHash('sha256').update(clientKey).digest();
    const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,${RFC.serverFirst},c=biws,r=${nonce}`;
    const signature = createHmac('sha256', storedKey).update(authMessage).digest();
    const proof = Buffer.from(clientKey.map((b, i) => b ^ (signature[i] ?? 0))).toString('base64');
    expect(x.step(Buffer.from(`c=biws,r=${nonce},p=${proof}`))).toEqual({
      kind: 'failed',
      reason: 'invalid credentials',
    });
  });

  it('refuses an unknown user, a changed nonce and a replayed final message', () => {
    const unknown = new ScramExchange(() => undefined);
    expect(unknown.step(Buffer.from(RFC.clientFirst)).kind).toBe('failed');
    const x = exchange();
    x.step(Buffer.from(RFC.clientFirst));
    expect(x.step(Buffer.from(RFC.clientFinal.replace('$k0,p=', '$k0x,p=')))).toEqual({
      kind: 'failed',
      reason: 'nonce mismatch',
    });
    expect(x.step(Buffer.from(RFC.clientFinal)).kind).toBe('failed'); // the exchange is over
  });

  it('refuses malformed client-first messages', () => {
    for (const m of [
      '',
      'n=user,r=abc',
      'x,,n=user,r=abc',
      'n,,r=abc',
      'n,,n=us=er,r=abc',
      'n,,m=ext,n=user,r=a',
    ]) {
      expect(exchange().step(Buffer.from(m)).kind).toBe('failed');
    }
  });

  it('keeps no password: checks PLAIN passwords against the stored keys, and refuses < 4096 iterations', () => {
    expect(passwordMatches(pencil, 'pencil')).toBe(true);
    expect(passwordMatches(pencil, 'pencil ')).toBe(false);
    expect(Object.keys(pencil).sort()).toEqual(['iterations', 'salt', 'serverKey', 'storedKey']);
    expect(() => scramCredential('pencil', 4095)).toThrow(/at least 4096/);
  });
});
