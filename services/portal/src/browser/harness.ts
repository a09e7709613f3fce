import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type RunningStack } from '@peiyu/local';
import { startSharedClockAt } from '@peiyu/service-kit';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (Playwright's own download cannot work here). */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_HINT =
  'apt-get install -y chromium fonts-noto-cjk (tools/system-deps.mjs does it when root)';
const repoRoot = join(__dirname, '..', '..', '..', '..');
const shots = join(__dirname, '..', '..', 'screenshots');

/**
 * The local stack (the named services and the portal as their own processes, embedded MongoDB and Kafka, free
 * ports, a throwaway home with a pinned shared clock) and a headless Chromium, for a browser journey.
 */
export interface PortalStack {
  stack: RunningStack;
  portal: string;
  home: string;
  clockFile: string;
  logs: string[];
  url: (service: string) => string;
  /** A fresh browser context (its own session storage: one user) on a portal path, 1366×768 by default. */
  open: (path: string, size?: { width: number; height: number }) => Promise<Page>;
  shot: (page: Page, name: string) => Promise<void>;
  /** Signs in with one of the demo users the sign-in page offers. */
  signIn: (page: Page, label: string) => Promise<void>;
  /** After each step: a screenshot of every open page (`debug/after-step-<step>-page-<n>`), to see where a failure stood. */
  shootAll: (step: string) => Promise<void>;
  stop: () => Promise<void>;
}

export async function startPortalStack(o: {
  name: string;
  only: string[];
  clockAt: Date;
}): Promise<PortalStack> {
  mkdirSync(join(shots, 'debug'), { recursive: true });
  const home = mkdtempSync(join(tmpdir(), `peiyu-${o.name}-`));
  const clockFile = join(home, 'clock.json');
  startSharedClockAt(clockFile, o.clockAt);
  const logs: string[] = [];
  const stack = await startStack({
    repoRoot,
    homeDir: home,
    mongoPort: 0,
    kafkaPort: 0,
    servicePorts: 'free',
    only: [...o.only, 'portal'],
    ephemeral: true,
    log: (l) => logs.push(l),
  }).catch((err: unknown) => {
    console.log(logs.slice(-60).join('\n')); // why a service did not come up
    throw err;
  });
  const url = (service: string) => stack.services.find((s) => s.name === service)!.url;
  const portal = url('portal');
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  const contexts: BrowserContext[] = [];
  return {
    stack,
    portal,
    home,
    clockFile,
    logs,
    url,
    async open(path, size = { width: 1366, height: 768 }) {
      const context = await browser.newContext({ viewport: size, locale: 'zh-CN', acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(portal + path);
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    },
    async signIn(page, label) {
      await page.goto(portal + '/sign-in');
      await page.getByRole('button', { name: label }).click();
      await page.getByTestId('who').waitFor();
    },
    async shootAll(step) {
      const pages = contexts.flatMap((c) => c.pages());
      for (const [n, p] of pages.entries())
        await p
          .screenshot({ path: join(shots, `debug/after-step-${step}-page-${n}.png`) })
          .catch(() => undefined);
    },
    async stop() {
      for (const c of contexts) await c.close();
      await browser.close();
      await stack.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
