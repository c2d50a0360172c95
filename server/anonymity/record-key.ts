/**
 * Each count family's record key of a response (freeze.ts): SipHash-2-4 (Aumasson & Bernstein,
 * 2012), a keyed pseudo-random function made for short inputs, keyed by the response's secret
 * 128-bit seed, of the family's name, as a uniform number in [0, 1) (53 bits). Families of one
 * response get independent keys, and nobody without the seed can tell one from chance.
 *
 * Freezing needs one per count family of every response (about 40 a response, tens of millions
 * a year at national scale): an HMAC-SHA256 object per key cost 10 µs, and the `siphash` package,
 * which allocates an object per step, 3 µs. This is the same function on 32-bit halves without
 * allocation; test/unit/record-key.test.ts checks it against the package and the authors' vectors.
 */

const encoder = new TextEncoder();
/** The UTF-8 bytes of each family name met (a few hundred per survey). */
const names = new Map<string, Uint8Array>();

function bytesOf(name: string): Uint8Array {
  let b = names.get(name);
  if (!b) {
    if (names.size > 100_000) names.clear();
    names.set(name, (b = encoder.encode(name)));
  }
  return b;
}

/** The four little-endian 32-bit words of a 128-bit key written as 32 hex digits. */
export function seedWords(seed: string): Uint32Array {
  if (!/^[0-9a-f]{32}$/.test(seed)) throw new RangeError('a record key seed is 32 hex digits');
  const bytes = Buffer.from(seed, 'hex');
  return new Uint32Array([
    bytes.readUInt32LE(0),
    bytes.readUInt32LE(4),
    bytes.readUInt32LE(8),
    bytes.readUInt32LE(12),
  ]);
}

const word = (m: Uint8Array, at: number) =>
  (m[at]! | (m[at + 1]! << 8) | (m[at + 2]! << 16) | (m[at + 3]! << 24)) >>> 0;

/** SipHash-2-4 of `m` under the key `k` (four little-endian words): [high, low] 32-bit halves. */
export function sipHash24(k: Uint32Array, m: Uint8Array): [number, number] {
  // The state v0…v3 as high and low 32-bit halves, in locals (the hot path: no allocation).
  let v0l = (k[0]! ^ 0x70736575) >>> 0;
  let v0h = (k[1]! ^ 0x736f6d65) >>> 0;
  let v1l = (k[2]! ^ 0x6e646f6d) >>> 0;
  let v1h = (k[3]! ^ 0x646f7261) >>> 0;
  let v2l = (k[0]! ^ 0x6e657261) >>> 0;
  let v2h = (k[1]! ^ 0x6c796765) >>> 0;
  let v3l = (k[2]! ^ 0x79746573) >>> 0;
  let v3h = (k[3]! ^ 0x74656462) >>> 0;
  const whole = m.length - (m.length % 8);
  let at = 0;
  let ml = 0;
  let mh = 0;
  // Two rounds per 8-byte block, each block into v3 before and v0 after them; four to finish.
  let left = 0;
  let finishing = false;
  for (;;) {
    if (left === 0) {
      if (finishing) break;
      if (at > 0) {
        v0l = (v0l ^ ml) >>> 0;
        v0h = (v0h ^ mh) >>> 0;
      }
      if (at < whole) {
        ml = word(m, at);
        mh = word(m, at + 4);
      } else if (at === whole) {
        // The last block: the remaining bytes, the length's low byte on top.
        ml = 0;
        mh = (m.length & 0xff) << 24;
        for (let i = whole; i < m.length; i++) {
          const shift = (i - whole) * 8;
          if (shift < 32) ml |= m[i]! << shift;
          else mh |= m[i]! << (shift - 32);
        }
        ml >>>= 0;
        mh >>>= 0;
      }
      if (at <= whole) {
        at += 8;
        v3l = (v3l ^ ml) >>> 0;
        v3h = (v3h ^ mh) >>> 0;
        left = 2;
      } else {
        v2l = (v2l ^ 0xff) >>> 0;
        left = 4;
        finishing = true;
      }
    }
    left -= 1;
    let l: number, h: number;
    // v0 += v1; v1 = rotl(v1, 13) ^ v0; v0 = rotl(v0, 32)
    l = (v0l + v1l) >>> 0;
    v0h = (v0h + v1h + (l < v0l ? 1 : 0)) >>> 0;
    v0l = l;
    h = (v1h << 13) | (v1l >>> 19);
    l = (v1l << 13) | (v1h >>> 19);
    v1h = (h ^ v0h) >>> 0;
    v1l = (l ^ v0l) >>> 0;
    h = v0h;
    v0h = v0l;
    v0l = h;
    // v2 += v3; v3 = rotl(v3, 16) ^ v2
    l = (v2l + v3l) >>> 0;
    v2h = (v2h + v3h + (l < v2l ? 1 : 0)) >>> 0;
    v2l = l;
    h = (v3h << 16) | (v3l >>> 16);
    l = (v3l << 16) | (v3h >>> 16);
    v3h = (h ^ v2h) >>> 0;
    v3l = (l ^ v2l) >>> 0;
    // v0 += v3; v3 = rotl(v3, 21) ^ v0
    l = (v0l + v3l) >>> 0;
    v0h = (v0h + v3h + (l < v0l ? 1 : 0)) >>> 0;
    v0l = l;
    h = (v3h << 21) | (v3l >>> 11);
    l = (v3l << 21) | (v3h >>> 11);
    v3h = (h ^ v0h) >>> 0;
    v3l = (l ^ v0l) >>> 0;
    // v2 += v1; v1 = rotl(v1, 17) ^ v2; v2 = rotl(v2, 32)
    l = (v2l + v1l) >>> 0;
    v2h = (v2h + v1h + (l < v2l ? 1 : 0)) >>> 0;
    v2l = l;
    h = (v1h << 17) | (v1l >>> 15);
    l = (v1l << 17) | (v1h >>> 15);
    v1h = (h ^ v2h) >>> 0;
    v1l = (l ^ v2l) >>> 0;
    h = v2h;
    v2h = v2l;
    v2l = h;
  }
  return [(v0h ^ v1h ^ v2h ^ v3h) >>> 0, (v0l ^ v1l ^ v2l ^ v3l) >>> 0];
}

/** A count family's record key of a response with these seed words: uniform in [0, 1). */
export function familyKey(seed: Uint32Array, family: string): number {
  const [h, l] = sipHash24(seed, bytesOf(family));
  return ((h & 0x1fffff) * 0x100000000 + l) / 2 ** 53;
}
