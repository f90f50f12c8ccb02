/**
 * Maps a stored entry name to a path inside the package, or says why it cannot be: an absolute path,
 * a drive letter, a `..` that climbs out of the root, or a control character. A hostile name never maps
 * to a path outside the package root.
 */
export interface NameVerdict {
  path?: string;
  unsafe?: string;
}

/** Most names are already clean: one pass over the characters, no allocation but the result. */
export function cleanName(raw: string): boolean {
  let segmentStart = 0;
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? raw.charCodeAt(i) : 0x2f;
    if (c < 0x20 || c === 0x5c) {
      return false;
    }
    if (c === 0x2f) {
      const len = i - segmentStart;
      if (i < raw.length || len > 0) {
        if (len === 0 || (len <= 2 && raw.charCodeAt(segmentStart) === 0x2e && (len === 1 || raw.charCodeAt(segmentStart + 1) === 0x2e))) {
          return false; // empty, "." or ".." segment
        }
      }
      segmentStart = i + 1;
    }
  }
  return !(raw.length > 1 && raw.charCodeAt(1) === 0x3a); // "C:…"
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
