import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSharedClockAt } from '@peiyu/service-kit';
import { startStack, type RunningStack, type StackOptions } from '../stack';
import { stackClient } from '../testing';

/**
 * The one set-up of a service's end-to-end suite: the local stack as `npm start` runs it — embedded MongoDB
 * and Kafka (kafka-lite, or the real broker under PEIYU_TEST_KAFKA=real), each service as its own process — on
 * free ports, in a throwaway home whose shared clock starts at a pinned instant, so that a run does not depend
 * on the day it happens. Registers the suite's beforeAll/afterAll, and prints the stack's last log lines
 * under a failed test (and when the stack does not come up). Call at the top of the test file; hooks the
 * suite registers after it run once the stack is up.
 */
export interface StackSuiteOptions {
  /** Names the throwaway home (`peiyu-<name>-e2e-…`). */
  name: string;
  /** The shared clock's first instant, e.g. `2026-09-21T09:00:00+08:00`. */
  startAt: string;
  /** The services to run, by name. */
  only: string[];
  startTimeoutMs?: number;
  /** How many log lines a failure prints (default 60). */
  logLines?: number;
  /** Sees every log line as it comes (e.g. to await a restart). */
  onLog?: (line: string) => void;
  /** Anything else `startStack` takes (e.g. `backoff`). */
  stack?: Partial<StackOptions>;
}

export interface StackSuite {
  home: string;
  clockFile: string;
  /** Every line the stack and its services logged, in order. */
  logs: string[];
  /** The running stack (inside tests and hooks registered after `useStackSuite`). */
  stack(): RunningStack;
  url(service: string): string;
  /** An HTTP client of one service, minting tokens with the stack's dev key and clock. */
  client(service: string): ReturnType<typeof stackClient>;
}

const repoRoot = join(__dirname, '..', '..', '..', '..');

export function useStackSuite(options: StackSuiteOptions): StackSuite {
  const home = mkdtempSync(join(tmpdir(), `peiyu-${options.name}-e2e-`));
  const clockFile = join(home, 'clock.json');
  startSharedClockAt(clockFile, new Date(options.startAt));
  const logs: string[] = [];
  const lines = options.logLines ?? 60;
  let running: RunningStack | undefined;
  const urls: Record<string, string> = {};
  const url = (service: string): string => {
    const u = urls[service];
    if (!u)
      throw new Error(`service ${service} is not running in this suite (only: ${options.only.join(', ')})`);
    return u;
  };

  beforeAll(async () => {
    running = await startStack({
      repoRoot,
      homeDir: home,
      mongoPort: 0,
      kafkaPort: 0,
      servicePorts: 'free',
      only: options.only,
      ephemeral: true,
      log: (l) => {
        logs.push(l);
        options.onLog?.(l);
      },
      ...options.stack,
    }).catch((err: unknown) => {
      console.log(logs.slice(-lines * 2).join('\n')); // why a service did not come up
      throw err;
    });
    for (const s of running.services) urls[s.name] = s.url;
  }, options.startTimeoutMs ?? 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  }, 30_000);

  afterEach(() => {
    const state = expect.getState();
    if (state.assertionCalls > 0 && state.numPassingAsserts < state.assertionCalls)
      console.log(logs.slice(-lines).join('\n'));
  });

  return {
    home,
    clockFile,
    logs,
    stack: () => {
      if (!running) throw new Error('the stack is not running yet (use it inside tests or later hooks)');
      return running;
    },
    url,
    client: (service) => stackClient(home, () => url(service)),
  };
}
