import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type ConsumerConfig, type EachMessagePayload } from 'kafkajs';

export interface ConformanceTarget {
  brokers(): string[];
  /** Session timeout to use in group tests (real Kafka refuses anything below group.min.session.timeout.ms). */
  sessionTimeoutMs: number;
  /** Stops and restarts the broker keeping its data; absent where the target cannot. */
  restart?: () => Promise<void>;
}

export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function kafkaFor(brokers: string[], clientId = unique('client')): Kafka {
  return new Kafka({
    brokers,
    clientId,
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 50, maxRetryTime: 1000 },
  });
}

export function groupConfig(target: ConformanceTarget, groupId: string): ConsumerConfig {
  return {
    groupId,
    sessionTimeout: target.sessionTimeoutMs,
    rebalanceTimeout: target.sessionTimeoutMs * 2,
    heartbeatInterval: 100,
    maxWaitTimeInMs: 100,
    retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 500 },
  };
}

/** Polls `check` every 20 ms until it holds or `timeoutMs` passes (then fails with `what`). */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs a consumer from the beginning of `topic`, handing every message to `onMessage`. */
export async function runConsumer(
  consumer: Consumer,
  topic: string,
  onMessage: (p: EachMessagePayload) => Promise<void> | void,
  autoCommit = true,
): Promise<void> {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ autoCommit, eachMessage: async (p) => onMessage(p) });
}
