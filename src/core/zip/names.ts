/**
 * Maps a stored entry name to a path inside the package, or says why it cannot be: an absolute path,
 * a drive letter, a `..` that climbs out of the root, or a control character. A hostile name never maps
 * to a path outside the package root.
 */
export interface NameVerdict {
  path?: string;
  unsafe?: string;
}

/**
 * Whether stored name bytes [start, end) are already a clean relative path: no control character, no
 * DEL, no backslash, no empty, "." or ".." segment, no drive letter; -1 when not, else where the copy ends. The
 * characters that matter are all ASCII, and neither UTF-8 nor CP437 puts an ASCII byte inside a longer
 * character, so the stored bytes answer for the decoded name. With `out`, the name is copied there as it is
 * checked (a listing), and only ASCII names pass (others are decoded by the caller).
 */
export function cleanNameBytes(b: Uint8Array, start: number, end: number, out?: Uint8Array, outAt = 0): number {
  const limit = out ? 0x80 : 0x100;
  let segmentStart = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? b[i] : 0x2f;
    if (c < 0x20 || c === 0x5c || c === 0x7f || c >= limit) {
      return -1;
    }
    if (c === 0x2f) {
      const len = i - segmentStart;
      if (i < end || len > 0) {
        if (len === 0 || (len <= 2 && b[segmentStart] === 0x2e && (len === 1 || b[segmentStart + 1] === 0x2e))) {
          return -1; // empty, "." or ".." segment
        }
      }
      segmentStart = i + 1;
    }
    if (out && i < end) {
      out[outAt++] = c;
    }
  }
  return end - start > 1 && b[start + 1] === 0x3a ? -1 : outAt; // "C:…"
}

/** Most names are already clean (see cleanNameBytes). */
function cleanName(raw: string): boolean {
  const bytes = Buffer.from(raw, 'utf8');
  return cleanNameBytes(bytes, 0, bytes.length) >= 0;
}

export function normaliseEntryName(raw: string, strict = false): NameVerdict {
  if (raw.length > 0 && cleanName(raw)) {
    return { path: raw.endsWith('/') ? raw.slice(0, -1) : raw };
  }
  if (raw.length === 0) {
    return { unsafe: 'empty name' };
  }
  if (/[\u0000-\u001f]/.test(raw)) {
    return { unsafe: 'control characters in the name' };
  }
  if (raw.includes('\\')) {
    if (strict) {
      return { unsafe: `invalid characters in the name (backslash): ${raw}` };
    }
    raw = raw.replace(/\\/g, '/');
  }
  if (/^[a-zA-Z]:/.test(raw)) {
    return { unsafe: `absolute path with a drive letter: ${raw}` };
  }
  if (raw.startsWith('/')) {
    return { unsafe: `absolute path: ${raw}` };
  }
  const out: string[] = [];
  for (const segment of raw.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      if (out.length === 0) {
        return { unsafe: `'..' escapes the package root: ${raw}` };
      }
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return { path: out.join('/') };
}

/** Resolves a symlink target relative to the link's folder; undefined when it leaves the package. */
export function resolveLinkTarget(linkPath: string, target: string): string | undefined {
  if (target.startsWith('/') || /^[a-zA-Z]:/.test(target) || target.includes('\\')) {
    return undefined;
  }
  const parts = linkPath.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      if (parts.length === 0) {
        return undefined;
      }
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return parts.join('/');
}
