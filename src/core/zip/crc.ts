const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    t[n] = c;
  }
  return t;
})();

/** Ranges up to this long are summed here; zlib's crc32 is many times quicker per byte past it. */
export const SMALL_CRC = 128;

/**
 * ZIP's CRC-32 (zlib's) of bytes [from, to) of a buffer, without a view of them: zlib's crc32 takes no range,
 * and a view made for each of 100,000 small entries cost more than summing their bytes here.
 */
export function crc32Range(buf: Uint8Array, from: number, to: number): number {
  let c = -1;
  for (let i = from; i < to; i++) {
    c = TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ -1) >>> 0;
}
