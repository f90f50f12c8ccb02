// Draws media/icon.png (128×128): a package box with a magnifying glass, in two colours. Run once; the PNG is
// committed. Written here so the icon has a source, with node:zlib for the PNG's deflate and CRC-32.
import { crc32, deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const N = 128;
const px = Buffer.alloc(N * N * 4);
const set = (x, y, [r, g, b, a]) => {
  if (x >= 0 && y >= 0 && x < N && y < N) {
    px.set([r, g, b, a], (y * N + x) * 4);
  }
};
const BOX = [196, 140, 74, 255];
const EDGE = [120, 78, 34, 255];
const GLASS = [40, 110, 190, 255];
const LENS = [220, 236, 250, 255];
for (let y = 30; y < 110; y++) {
  for (let x = 14; x < 94; x++) {
    const edge = x < 18 || x > 89 || y < 34 || y > 105 || (y > 52 && y < 57);
    set(x, y, edge ? EDGE : BOX);
  }
}
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    const d = Math.hypot(x - 86, y - 70);
    if (d < 22) {
      set(x, y, LENS);
    } else if (d < 29) {
      set(x, y, GLASS);
    }
    // the handle, along the diagonal down-right
    const t = (x - 86 + (y - 70)) / 2;
    const off = Math.abs(x - 86 - (y - 70)) / Math.SQRT2;
    if (t > 21 && t < 40 && off < 6) {
      set(x, y, GLASS);
    }
  }
}
const rows = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  px.copy(rows, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
writeFileSync('media/icon.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]));
