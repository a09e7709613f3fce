import { join } from 'node:path';
import { loadDevKeys, sharedClock, signLocalToken, type Principal } from '@peiyu/service-kit';

export type Who = (Omit<Principal, 'sub'> & { sub?: string }) | null;

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

/**
 * An HTTP client for a service of the local stack, minting tokens with the stack's dev key and shared clock,
 * as a real client would (used by the services' end-to-end tests).
 */
export function stackClient(home: string, base: () => string) {
  const clock = sharedClock({ file: join(home, 'clock.json') });
  async function token(p: NonNullable<Who>): Promise<string> {
    const keys = await loadDevKeys(join(home, 'keys'));
    return signLocalToken(keys, {
      principal: { sub: p.sub ?? `${p.role}-${p.region ?? p.uscc ?? 'x'}`, ...p } as Principal,
      ttlMs: 3_600_000,
      clock,
    });
  }
  async function call(
    method: string,
    path: string,
    who: Who,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const h: Record<string, string> = { ...headers };
    if (who) h.authorization = `Bearer ${await token(who)}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(base() + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    };
  }
  return { call, clock };
}

/** Repeats `attempt` until `done` holds (views fed by Kafka catch up within a few hundred ms). */
export async function eventually<T>(
  attempt: () => Promise<T>,
  done: (t: T) => boolean,
  ms = 15_000,
): Promise<T> {
  const pause = 150;
  for (let waited = 0; ; waited += pause) {
    const r = await attempt();
    if (done(r) || waited >= ms) return r;
    await new Promise((res) => setTimeout(res, pause));
  }
}
