import { randomBytes } from 'node:crypto';
import siphash from 'siphash';
import { describe, expect, it } from 'vitest';
import { familyKey, seedWords, sipHash24 } from '../../server/anonymity/record-key.js';

const hex = (h: number, l: number) =>
  h.toString(16).padStart(8, '0') + l.toString(16).padStart(8, '0');

describe('record keys (SipHash-2-4 of the family name under the response seed)', () => {
  it("gives the authors' test vectors (key 00…0f, messages 00…, lengths 0, 7, 8 and 15)", () => {
    const key = seedWords('000102030405060708090a0b0c0d0e0f');
    const msg = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);
    // From the SipHash paper's reference implementation (vectors.h), as little-endian 64-bit words.
    expect(hex(...sipHash24(key, msg(0)))).toBe('726fdb47dd0e0e31');
    expect(hex(...sipHash24(key, msg(7)))).toBe('ab0200f58b01d137');
    expect(hex(...sipHash24(key, msg(8)))).toBe('93f5f5799a932462');
    expect(hex(...sipHash24(key, msg(15)))).toBe('a129ca6149be45e5');
  });

  it('equals the siphash package on random seeds and family names of every length', () => {
    for (let i = 0; i < 2000; i++) {
      const seed = randomBytes(16).toString('hex');
      const words = seedWords(seed);
      const family = `a:${randomBytes(i % 40).toString('base64')}ё`;
      const expected = siphash.hash_uint([...words], family) / 2 ** 53;
      expect(familyKey(words, family)).toBe(expected);
    }
  });

  it('is uniform on [0, 1) and differs between the families of one response', () => {
    const keys: number[] = [];
    let same = 0;
    for (let i = 0; i < 20_000; i++) {
      const seed = seedWords(randomBytes(16).toString('hex'));
      const a = familyKey(seed, 'a:satisfaction');
      const b = familyKey(seed, 'a:trust');
      if (a === b) same += 1;
      keys.push(a, b);
    }
    expect(same).toBe(0);
    expect(Math.min(...keys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...keys)).toBeLessThan(1);
    // Ten equal bins each hold 10% ± 1% of 40,000 keys (about 6.5 standard deviations).
    const bins = new Array<number>(10).fill(0);
    for (const k of keys) bins[Math.floor(k * 10)]! += 1;
    for (const b of bins) expect(Math.abs(b / keys.length - 0.1)).toBeLessThan(0.01);
  });

  it('refuses a seed that is not 32 hex digits', () => {
    expect(() => seedWords('abc')).toThrow(RangeError);
  });
});
