import { createServer } from 'node:net';
import { assertPortFree, PortInUseError } from './ports';

describe('assertPortFree', () => {
  it('refuses a taken port with a message naming it, and accepts it once free', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as { port: number }).port;
    await expect(assertPortFree('mongo-lite', port)).rejects.toThrow(PortInUseError);
    await expect(assertPortFree('mongo-lite', port)).rejects.toThrow(
      new RegExp(`mongo-lite: port ${port} is already in use`),
    );
    await new Promise<void>((r) => holder.close(() => r()));
    await expect(assertPortFree('mongo-lite', port)).resolves.toBeUndefined();
  });
  it('always accepts port 0', async () => {
    await expect(assertPortFree('x', 0)).resolves.toBeUndefined();
  });
});
