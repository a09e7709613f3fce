import { deriveCredential, parseClientFirst, ScramConversation } from './scram';

/** RFC 7677 §3: the SCRAM-SHA-256 exchange for user "user" with password "pencil". */
const RFC = {
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal:
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

const conversation = (password: string): ScramConversation =>
  new ScramConversation(
    parseClientFirst(Buffer.from(RFC.clientFirst)),
    deriveCredential(password, 4096, Buffer.from(RFC.salt, 'base64')),
    RFC.serverNonce,
  );

describe('SCRAM-SHA-256 server', () => {
  it('reproduces the RFC 7677 example exchange', () => {
    const conv = conversation('pencil');
    expect(conv.serverFirstMessage.toString()).toBe(RFC.serverFirst);
    expect(conv.finish(Buffer.from(RFC.clientFinal)).toString()).toBe(RFC.serverFinal);
  });

  it('refuses the proof for another password with 18 AuthenticationFailed', () => {
    expect(() => conversation('pencil2').finish(Buffer.from(RFC.clientFinal))).toThrow(
      expect.objectContaining({ code: 18, codeName: 'AuthenticationFailed' }),
    );
  });

  it('refuses a final message whose nonce or channel binding differ', () => {
    const wrongNonce = RFC.clientFinal.replace('k0,p=', 'k1,p=');
    const wrongBinding = RFC.clientFinal.replace('c=biws', 'c=eSws');
    expect(() => conversation('pencil').finish(Buffer.from(wrongNonce))).toThrow(
      expect.objectContaining({ code: 18 }),
    );
    expect(() => conversation('pencil').finish(Buffer.from(wrongBinding))).toThrow(
      expect.objectContaining({ code: 18 }),
    );
  });

  it('decodes escaped user names and refuses channel binding it does not offer', () => {
    expect(parseClientFirst(Buffer.from('n,,n=a=2Cb=3Dc,r=x')).user).toBe('a,b=c');
    expect(() => parseClientFirst(Buffer.from('p=tls-unique,,n=u,r=x'))).toThrow(
      expect.objectContaining({ code: 18 }),
    );
  });

  it('SASLpreps the password as the driver does (U+2168 ROMAN NUMERAL NINE is IX)', () => {
    const salt = Buffer.alloc(16, 1);
    expect(deriveCredential('\u2168', 4096, salt).storedKey).toEqual(
      deriveCredential('IX', 4096, salt).storedKey,
    );
  });

  it('refuses fewer than 4096 iterations', () => {
    expect(() => deriveCredential('x', 4095)).toThrow(/4096/);
  });
});
