import { readConfigFile } from '../config/read';
import type { DeprecationMatrix } from '../config/matrix';
import type { TextFile } from '../textFile';

/** A deprecation-matrix entry the diff proposes, ready for .upgrade-inspector/deprecations.json. */
export interface ProposedEntry {
  key: string;
  removedIn: string;
  note: string;
}

/** Config files a package ships with defaults: under an etc/ or config/ folder (in nested archives too), in a format the review reads. */
export const SHIPPED_CONFIG = /(?:^|\/|!\/)(?:etc|config)\/[^!]+\.(?:properties|conf|ini|env|ya?ml|json)$/;

/**
 * Keys that the old release's shipped config files set and the new release's no longer do, proposed as
 * removed in the new version: a key that silently disappears is how a deprecated setting goes unnoticed.
 * Keys the deprecation matrix already knows are left out; so are the matrix files themselves.
 */
export function vanishedKeys(oldFiles: readonly TextFile[], newFiles: readonly TextFile[], newVersion: string, oldVersion: string, matrix?: DeprecationMatrix): ProposedEntry[] {
  const keysOf = (files: readonly TextFile[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (const f of files) {
      for (const k of readConfigFile(f.path, f.text)?.keys ?? []) {
        out.set(k.key, out.get(k.key) ?? f.path);
      }
    }
    return out;
  };
  const before = keysOf(oldFiles);
  const after = keysOf(newFiles);
  return [...before]
    .filter(([key]) => !after.has(key) && !matrix?.keys.has(key))
    .map(([key, path]) => ({ key, removedIn: newVersion, note: `set in ${path} of ${oldVersion}, gone from every shipped config file of ${newVersion}: ask the vendor what replaces it` }));
}
