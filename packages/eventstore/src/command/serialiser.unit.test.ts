import { KeyedSerialiser } from './serialiser';

describe('KeyedSerialiser', () => {
  it('runs tasks of one key in turn and of different keys side by side', async () => {
    const s = new KeyedSerialiser();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = s.run('410000', async () => {
      log.push('a-start');
      await gate;
      log.push('a-end');
    });
    const second = s.run('410000', async () => void log.push('b'));
    const other = s.run('430000', async () => void log.push('c'));
    await other;
    expect(log).toEqual(['a-start', 'c']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a-start', 'c', 'a-end', 'b']);
  });

  it('keeps going after a failed task', async () => {
    const s = new KeyedSerialiser();
    await expect(s.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(s.run('k', async () => 42)).resolves.toBe(42);
  });
});
