/**
 * A small deterministic PRNG (mulberry32): the same seed gives the same sequence of numbers in
 * [0, 1) on every run. It is the pure domain's generator (the seeded bootstrap of the relative
 * weights), which imports nothing, so any test or helper can use it.
 */
import { mulberry32 as prng } from '../../server/domain/relative-weights.js';

export { prng };

/** Draws from the seeded generator. */
export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
  subset<T>(list: readonly T[], max = list.length): T[] {
    const n = this.int(Math.min(max, list.length) + 1);
    const pool = [...list];
    const out: T[] = [];
    while (out.length < n) out.push(pool.splice(this.int(pool.length), 1)[0] as T);
    return out;
  }
  text(length: number): string {
    const letters = 'abcdefghij klmnopqrstuvwxyz';
    let s = '';
    for (let i = 0; i < length; i++) s += letters[this.int(letters.length)];
    return s;
  }
}
