/**
 * Little-endian fields read by hand: Buffer's readUInt16LE/readUInt32LE check their argument on every call,
 * and the reader reads a few of them for each of 100,000 records and local headers. The caller keeps `at`
 * within the buffer.
 */
export const u16 = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8);
export const u32 = (b: Uint8Array, at: number): number => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
