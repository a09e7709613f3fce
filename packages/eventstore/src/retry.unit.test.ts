import { backoffDelay, withRetry } from './retry';

describe('withRetry', () => {
  it('retries with doubling, capped delays and gives up after the attempts', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('down');
        },
        { attempts: 5, initialMs: 100, maxMs: 500 },
        sleep,
      ),
    ).rejects.toThrow('down');
    expect(calls).toBe(5);
    expect(waits).toEqual([100, 200, 400, 500]);
  });

  it('returns the first success', async () => {
    let calls = 0;
    const r = await withRetry(
      async (n) => (++calls < 3 ? Promise.reject(new Error('x')) : `ok@${n}`),
      { attempts: 5, initialMs: 1, maxMs: 1 },
      async () => undefined,
    );
    expect(r).toBe('ok@3');
    expect(backoffDelay({ initialMs: 50, maxMs: 1000 }, 1)).toBe(50);
  });
});
