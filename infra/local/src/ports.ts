import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly what: string,
    readonly port: number,
  ) {
    super(
      `${what}: port ${port} is already in use. Stop whatever holds it (e.g. \`lsof -i :${port}\`) ` +
        `or choose another port (see \`npm start -- --help\`).`,
    );
    this.name = 'PortInUseError';
  }
}

/** Refuses early and clearly when a fixed port is taken; port 0 always passes (the OS picks). */
export async function assertPortFree(what: string, port: number, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(what, port) : err),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * `--port registry=5001 --port assessment=5002` (or `--port registry=5001,assessment=5002`): a port per
 * service name; `mongo` and `kafka` name the embedded servers. Names are checked against `known`.
 */
export function parsePortOverrides(
  values: readonly string[],
  known: readonly string[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)) {
    const m = /^([a-z][a-z0-9-]*)=(\d{1,5})$/.exec(item);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port < 1 || port > 65535) {
      throw new Error(`--port takes name=port (e.g. registry=5001), got "${item}"`);
    }
    const name = m[1]!;
    if (!known.includes(name)) throw new Error(`--port: no service "${name}" (known: ${known.join(', ')})`);
    out[name] = port;
  }
  return out;
}
