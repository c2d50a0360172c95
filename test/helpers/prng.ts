/**
 * A small deterministic PRNG (mulberry32): the same seed gives the same sequence of numbers in
 * [0, 1) on every run. No vitest or server imports, so any test or helper can use it.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
