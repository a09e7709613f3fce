import { Err } from '../protocol/errors';
import { Authorizer } from './authorizer';
import type { AuthConfig } from './config';
import { passwordMatches, scramCredential, ScramExchange, type ScramCredential } from './scram';

/** Broker-wide authentication state: every user's SCRAM credential (derived once from passwords) and ACLs. */
export class Authenticator {
  readonly mechanisms: readonly string[];
  readonly authorizer: Authorizer;
  private readonly credentials = new Map<string, ScramCredential>();

  constructor(config: AuthConfig) {
    this.mechanisms = config.mechanisms;
    this.authorizer = new Authorizer(config);
    for (const u of config.users) {
      this.credentials.set(u.name, u.scramSha256 ?? scramCredential(u.password as string));
    }
  }

  credential(user: string): ScramCredential | undefined {
    return this.credentials.get(user);
  }
}

export interface SaslResult {
  error: number;
  message: string | null;
  reply: Buffer;
}

const NONE = Buffer.alloc(0);

/** One connection's SASL state: handshake (mechanism), then one or two authenticate rounds. */
export class SaslSession {
  principal: string | null = null;
  private mechanism: string | null = null;
  private scram: ScramExchange | null = null;

  constructor(private readonly auth: Authenticator) {}

  get authenticated(): boolean {
    return this.principal !== null;
  }

  handshake(mechanism: string): number {
    if (this.authenticated || this.mechanism !== null) return Err.ILLEGAL_SASL_STATE;
    if (!this.auth.mechanisms.includes(mechanism)) return Err.UNSUPPORTED_SASL_MECHANISM;
    this.mechanism = mechanism;
    if (mechanism === 'SCRAM-SHA-256') this.scram = new ScramExchange((u) => this.auth.credential(u));
    return Err.NONE;
  }

  authenticate(token: Buffer): SaslResult {
    if (this.mechanism === null || this.authenticated) {
      return { error: Err.ILLEGAL_SASL_STATE, message: 'SaslAuthenticate before SaslHandshake', reply: NONE };
    }
    if (this.mechanism === 'PLAIN') return this.plain(token);
    const step = (this.scram as ScramExchange).step(token);
    if (step.kind === 'failed') return this.failed(step.reason);
    if (step.kind === 'done') this.principal = `User:${step.user}`;
    return { error: Err.NONE, message: null, reply: step.reply };
  }

  /** RFC 4616: [authzid] NUL authcid NUL passwd; an authzid other than the user is refused (as Kafka does). */
  private plain(token: Buffer): SaslResult {
    const parts = token.toString('utf8').split('\0');
    if (parts.length !== 3) return this.failed('malformed PLAIN message');
    const [authzid, user, password] = parts as [string, string, string];
    if (authzid !== '' && authzid !== user) return this.failed('authorization id differs from user name');
    const cred = this.auth.credential(user);
    if (!cred || !passwordMatches(cred, password)) return this.failed('invalid credentials');
    this.principal = `User:${user}`;
    return { error: Err.NONE, message: null, reply: NONE };
  }

  private failed(reason: string): SaslResult {
    this.mechanism = null;
    return {
      error: Err.SASL_AUTHENTICATION_FAILED,
      message: `Authentication failed during authentication due to ${reason} with SASL mechanism ${this.mechanismName()}`,
      reply: NONE,
    };
  }

  private mechanismName(): string {
    return this.scram ? 'SCRAM-SHA-256' : 'PLAIN';
  }
}
