import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type DockerAvailability = { available: true; endpoint: string } | { available: false; reason: string };

let cached: DockerAvailability | undefined;

function endpoint(): { socketPath?: string; url?: string; label: string } | undefined {
  const host = process.env.DOCKER_HOST;
  if (host) {
    if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length), label: host };
    if (host.startsWith('tcp://')) return { url: host.replace('tcp://', 'http://'), label: host };
    return { url: host, label: host };
  }
  for (const p of ['/var/run/docker.sock', `${process.env.HOME ?? ''}/.docker/run/docker.sock`]) {
    if (existsSync(p)) return { socketPath: p, label: `unix://${p}` };
  }
  return undefined;
}

/**
 * Whether a Docker engine answers `GET /_ping`. Synchronous (a child process with a 3 s limit) because jest
 * decides `describe` vs `describe.skip` while collecting tests, before any async hook runs.
 */
export function dockerAvailability(): DockerAvailability {
  if (cached) return cached;
  const ep = endpoint();
  if (!ep) {
    cached = { available: false, reason: 'no Docker engine: DOCKER_HOST is unset and no docker.sock exists' };
    return cached;
  }
  const probe = `
    const http = require('node:http');
    const o = ${JSON.stringify(ep)};
    const opts = o.socketPath ? { socketPath: o.socketPath, path: '/_ping' } : new URL('/_ping', o.url);
    const req = http.get(opts, (res) => process.exit(res.statusCode === 200 ? 0 : 2));
    req.on('error', () => process.exit(3));
    req.setTimeout(2500, () => process.exit(4));`;
  const r = spawnSync(process.execPath, ['-e', probe], { timeout: 3000 });
  cached =
    r.status === 0
      ? { available: true, endpoint: ep.label }
      : { available: false, reason: `Docker engine at ${ep.label} did not answer /_ping (exit ${r.status})` };
  return cached;
}

/**
 * `describe` for suites that need real engines through testcontainers. Without Docker the suite is
 * registered as one skipped test whose name carries the reason, so the run reports it as skipped — it
 * never passes silently.
 */
export function describeWithDocker(name: string, body: () => void): void {
  const d = dockerAvailability();
  if (d.available) {
    describe(name, body);
  } else {
    describe(name, () => {
      it.skip(`[skipped: ${d.reason}]`, () => undefined);
    });
  }
}
