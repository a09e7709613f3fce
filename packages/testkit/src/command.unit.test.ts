import { commandAvailability } from './command';

describe('commandAvailability', () => {
  it('finds a program that runs and reports its version line', () => {
    const node = commandAvailability(process.execPath, ['--version']);
    expect(node).toEqual({ available: true, version: process.version });
  });

  it('reports a missing program with the reason', () => {
    const missing = commandAvailability('peiyu-no-such-program', ['-V']);
    expect(missing.available).toBe(false);
    expect(!missing.available && missing.reason).toMatch(/`peiyu-no-such-program` is not installed/);
  });
});
