/** One value of the manifest that differs between two releases, by its dotted key. */
export interface ManifestChange {
  key: string;
  old?: unknown;
  new?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `files` entries are matched by their path, other arrays by index. */
function keyed(key: string, value: unknown[]): Map<string, unknown> {
  if (key === 'files' && value.every((v) => isObject(v) && typeof v.path === 'string')) {
    return new Map(value.map((v) => [`[${(v as { path: string }).path}]`, v]));
  }
  return new Map(value.map((v, i) => [`[${i}]`, v]));
}

/**
 * Every changed value of the manifest by its dotted key (`dependencies.openssl`, `upgradePaths[0].from`,
 * `files[bin/dtenctl].sha256`): a value only in the old release has no `new`, one only in the new no `old`.
 */
export function manifestChanges(oldData: unknown, newData: unknown, key = ''): ManifestChange[] {
  if (isObject(oldData) && isObject(newData)) {
    const keys = [...new Set([...Object.keys(oldData), ...Object.keys(newData)])];
    return keys.flatMap((k) => manifestChanges(oldData[k], newData[k], key ? `${key}.${k}` : k));
  }
  if (Array.isArray(oldData) && Array.isArray(newData)) {
    const a = keyed(key, oldData);
    const b = keyed(key, newData);
    return [...new Set([...a.keys(), ...b.keys()])].flatMap((k) => manifestChanges(a.get(k), b.get(k), `${key}${k}`));
  }
  if (JSON.stringify(oldData) === JSON.stringify(newData)) {
    return [];
  }
  return [{ key, ...(oldData === undefined ? {} : { old: oldData }), ...(newData === undefined ? {} : { new: newData }) }];
}
