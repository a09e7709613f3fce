import { createServer } from 'node:net';
import { assertPortFree, parsePortOverrides, PortInUseError } from './ports';

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

describe('parsePortOverrides (npm start -- --port registry=5001)', () => {
  const known = ['registry', 'assessment', 'mongo', 'kafka'];
  it('reads repeated and comma-separated name=port pairs', () => {
    expect(parsePortOverrides(['registry=5001', 'assessment=5002,mongo=27018'], known)).toEqual({
      registry: 5001,
      assessment: 5002,
      mongo: 27018,
    });
  });
  it.each([
    [['registry'], /name=port/],
    [['registry=70000'], /name=port/],
    [['billing=5001'], /no service "billing" \(known: registry, assessment, mongo, kafka\)/],
  ])('refuses %j', (values, message) => {
    expect(() => parsePortOverrides(values, known)).toThrow(message);
  });
});
