import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { v7 } from 'uuid';

/**
 * A seeded random source. Every entity (county, enterprise, batch) gets its own stream derived from the run's
 * seed and the entity's key, so any part of the history can be regenerated alone, identically — the basis of
 * determinism and of resuming an interrupted run.
 */
export class Rng {
  private readonly gen: ReturnType<typeof xoroshiro128plus>;

  constructor(seed: number, key: string) {
    this.gen = xoroshiro128plus((seed ^ fnv1a(key)) | 0);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [from, to]. */
  int(from: number, to: number): number {
    return uniformInt(this.gen, from, to);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** Log-uniform integer in [from, to]: many small values, few large ones (firm sizes). */
  logInt(from: number, to: number): number {
    return Math.round(Math.exp(Math.log(from) + this.float() * (Math.log(to) - Math.log(from))));
  }

  /** A UUID v7 at `at` whose random part comes from this source, never from the wall clock or the OS. */
  uuid(at: Date): string {
    const random = new Uint8Array(16);
    for (let i = 0; i < 16; i++) random[i] = this.int(0, 255);
    return v7({ msecs: at.getTime(), random });
  }
}

/** FNV-1a (32-bit) of a string: spreads entity keys over seeds. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
