/** The `siphash` package (jedisct1/siphash-js), the reference record keys are tested against. */
declare module 'siphash' {
  /** SipHash-2-4 of `m` under `key` (four 32-bit words), as a 53-bit unsigned integer. */
  export function hash_uint(key: readonly number[], m: string | Uint8Array): number;
  const siphash: { hash_uint: typeof hash_uint };
  export default siphash;
}
