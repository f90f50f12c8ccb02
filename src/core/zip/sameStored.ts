import type { ZipArchive } from './archive';
import type { ZipEntry } from './entry';

/** Pairs are read together while their data lies within this many bytes in both files. */
const REGION = 4 * 1024 * 1024;
/** Entries larger than this are left to the caller (hashed as they stream). */
const SMALL = 256 * 1024;
/** Pairs read alone, out of order with their neighbours in one of the files, before the rest is left to the caller. */
const LONE_READS = 256;

/**
 * For each pair (`lefts[i]` of `left`, `rights[i]` of `right`): whether both store the same bytes under the same
 * method, and so hold the same content, compared in place in regions read from both files, pairs taken in the
 * order given while their data runs forward in both files. False where they differ or cannot be compared so
 * (another method or size, a large entry, data that cannot be read, or past LONE_READS pairs out of order: an
 * archive whose order was shuffled is not read entry by entry): the caller compares those by digest. Both
 * archives' entries have been read and CRC-checked by a review before.
 */
export async function sameStoredBytes(left: ZipArchive, right: ZipArchive, lefts: readonly ZipEntry[], rights: readonly ZipEntry[]): Promise<boolean[]> {
  const same = new Array<boolean>(lefts.length).fill(false);
  const [l, r] = await Promise.all([left.layout(), right.layout()]);
  const lStarts = l.dataStart;
  const rStarts = r.dataStart;
  const comparable = (a: ZipEntry, b: ZipEntry): boolean =>
    a.method === b.method &&
    a.compressedSize === b.compressedSize &&
    a.compressedSize <= SMALL &&
    !a.encrypted &&
    !b.encrypted &&
    (l.unreadable.size === 0 || !l.unreadable.has(a.index)) &&
    (r.unreadable.size === 0 || !r.unreadable.has(b.index));
  let spareL: Buffer | undefined;
  let spareR: Buffer | undefined;
  let lone = 0;
  for (let k = 0; k < lefts.length && lone < LONE_READS; ) {
    // One region of each file: the pairs from k whose data runs forward within REGION bytes in both.
    let lStart = -1;
    let rStart = -1;
    let lEnd = 0;
    let rEnd = 0;
    let end = k;
    let taken = 0;
    for (; end < lefts.length; end++) {
      const a = lefts[end];
      const b = rights[end];
      if (!comparable(a, b)) {
        continue;
      }
      const at = lStarts[a.index];
      const bt = rStarts[b.index];
      const size = a.compressedSize;
      if (lStart < 0) {
        lStart = at;
        rStart = bt;
      } else if (at < lEnd || bt < rEnd || at + size - lStart > REGION || bt + size - rStart > REGION) {
        break;
      }
      lEnd = at + size;
      rEnd = bt + size;
      taken++;
    }
    lone += taken === 1 ? 1 : 0;
    if (taken > 0) {
      spareL = spareL && spareL.length >= lEnd - lStart ? spareL : Buffer.allocUnsafe(Math.max(lEnd - lStart, 64 * 1024));
      spareR = spareR && spareR.length >= rEnd - rStart ? spareR : Buffer.allocUnsafe(Math.max(rEnd - rStart, 64 * 1024));
      const bytesL = await left.readBytes(lStart, lEnd - lStart, spareL);
      const bytesR = await right.readBytes(rStart, rEnd - rStart, spareR);
      for (let i = k; i < end; i++) {
        const a = lefts[i];
        const b = rights[i];
        if (comparable(a, b)) {
          const at = lStarts[a.index] - lStart;
          const bt = rStarts[b.index] - rStart;
          const size = a.compressedSize;
          same[i] = at + size <= bytesL.length && bt + size <= bytesR.length && bytesL.compare(bytesR, bt, bt + size, at, at + size) === 0;
        }
      }
    }
    k = end;
  }
  return same;
}
