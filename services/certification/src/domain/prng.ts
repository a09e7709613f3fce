import { createHash } from 'node:crypto';

/**
 * A deterministic random stream for the expert-panel draw, documented so an auditor can redo it in any
 * language: block i = SHA-256(UTF-8 of `${seed}:${i}`) for i = 0, 1, 2, …; each block gives eight 32-bit
 * big-endian words, used in order. SHA-256 is fixed by FIPS 180-4, so the stream is the same on every Node
 * version and platform (unlike Math.random or a library whose algorithm may change).
 */
export const PRNG_ALGORITHM = 'sha256-ctr-v1';

export class Sha256CounterStream {
  private counter = 0;
  private words: number[] = [];

  constructor(private readonly seed: string) {
    if (!/^[0-9a-f]{16,128}$/.test(seed)) throw new RangeError('seed must be 16–128 lowercase hex digits');
  }

  nextUint32(): number {
    if (this.words.length === 0) {
      const block = createHash('sha256').update(`${this.seed}:${this.counter}`, 'utf8').digest();
      this.counter += 1;
      for (let k = 0; k < 32; k += 4) this.words.push(block.readUInt32BE(k));
    }
    return this.words.shift() as number;
  }

  /** Uniform integer in [0, n): rejection sampling, so no value is favoured by the modulo. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('below(n) needs 1 ≤ n ≤ 2^32');
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return u % n;
    }
  }

  /** A uniformly random k-subset in draw order: the first k steps of a Fisher–Yates shuffle. */
  pick<T>(items: readonly T[], k: number): T[] {
    const a = [...items];
    const take = Math.min(k, a.length);
    for (let i = 0; i < take; i++) {
      const j = i + this.below(a.length - i);
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a.slice(0, take);
  }
}
