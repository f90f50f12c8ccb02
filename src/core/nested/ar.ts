/** One member of a Unix `ar` archive (the container of a .deb). */
export interface ArMember {
  name: string;
  data: Buffer;
}

const MAGIC = '!<arch>\n';
const HEADER = 60;

/**
 * The members of an `ar` archive. The format is a magic line and 60-byte text headers (name, date, owner,
 * mode, size, "`\n"), each member padded to an even offset; no library on the registry reads it better than
 * these lines do. GNU long names (`//`) are not used by dpkg and are refused.
 */
export function readAr(bytes: Buffer): ArMember[] {
  if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new Error('not an ar archive (the magic "!<arch>" is missing)');
  }
  const out: ArMember[] = [];
  let at = MAGIC.length;
  while (at + HEADER <= bytes.length) {
    const header = bytes.toString('latin1', at, at + HEADER);
    if (header.slice(58, 60) !== '`\n') {
      throw new Error(`ar member header at byte ${at} is damaged`);
    }
    const size = Number(header.slice(48, 58).trim());
    const name = header.slice(0, 16).trim().replace(/\/$/, '');
    if (!Number.isSafeInteger(size) || size < 0 || at + HEADER + size > bytes.length) {
      throw new Error(`ar member "${name}" claims ${header.slice(48, 58).trim()} bytes, more than the archive holds`);
    }
    if (name.startsWith('/')) {
      throw new Error(`ar member "${name}": GNU long names are not read`);
    }
    out.push({ name, data: bytes.subarray(at + HEADER, at + HEADER + size) });
    at += HEADER + size + (size % 2);
  }
  return out;
}
