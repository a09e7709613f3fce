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
