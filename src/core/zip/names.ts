/**
 * Maps a stored entry name to a path inside the package, or says why it cannot be: an absolute path,
 * a drive letter, a `..` that climbs out of the root, or a control character. A hostile name never maps
 * to a path outside the package root.
 */
export interface NameVerdict {
  path?: string;
  unsafe?: string;
}

export function normaliseEntryName(raw: string, strict = false): NameVerdict {
  if (raw.length === 0) {
    return { unsafe: 'empty name' };
  }
  // eslint-disable-next-line no-control-regex
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
