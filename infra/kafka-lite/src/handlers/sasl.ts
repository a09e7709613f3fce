import type { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import type { RequestContext } from './context';

/**
 * SaslHandshake v0–v1: picks the mechanism. After v0 the client sends bare SASL tokens; after v1 it wraps them in
 * SaslAuthenticate. Without authentication configured the answer is ILLEGAL_SASL_STATE, as on a Kafka PLAINTEXT
 * listener.
 */
export function saslHandshake(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const mechanism = r.string();
  if (!ctx.sasl) return w.int16(Err.ILLEGAL_SASL_STATE).array([], () => undefined);
  const code = ctx.sasl.handshake(mechanism);
  if (code === Err.NONE && ctx.apiVersion === 0) ctx.expectRawSaslTokens();
  return w.int16(code).array(ctx.broker.authMechanisms, (w, m) => w.string(m));
}

/** SaslAuthenticate v0–v2 (v1 adds session_lifetime_ms — 0: no re-authentication required; v2 is flexible). */
export function saslAuthenticate(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const token = Buffer.from(r.bytes());
  r.tags();
  const result = ctx.sasl
    ? ctx.sasl.authenticate(token)
    : { error: Err.ILLEGAL_SASL_STATE, message: 'authentication is not enabled', reply: Buffer.alloc(0) };
  // Kafka closes the connection after answering a failed authentication.
  if (result.error !== Err.NONE) ctx.closeAfterResponse();
  w.int16(result.error).string(result.message).bytes(result.reply);
  if (ctx.apiVersion >= 1) w.int64(0);
  return w.tags();
}
