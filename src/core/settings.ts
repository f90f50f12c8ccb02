/** Everything a review can be tuned with; the CLI and the extension fill it from flags and settings. */
export interface ReviewSettings {
  limits: {
    /** An entry larger than this is a compression bomb and is never inflated. */
    maxEntryBytes: number;
    /** Uncompressed / compressed above this (for entries over 1 MiB) is a bomb. */
    maxRatio: number;
    /** All entries together. */
    maxTotalBytes: number;
    /** Bytes read whole for text checks (manifest, scripts, certificates). */
    maxTextBytes: number;
    /** Archives inside the package are opened this many levels deep; one deeper is zip/nesting-depth. */
    maxDepth: number;
    /** A nested archive is read into memory, decompressed, up to this many bytes. */
    maxNestedBytes: number;
    /**
     * What nested archives expand to is held in memory up to this many bytes, for the review's later reads;
     * past it, a tarball's or .deb's member larger than a script probe is hashed and let go, and a compressed
     * ZIP inside is let go whole: each is read again from its outer archive when it is asked for.
     */
    maxHeldBytes: number;
  };
  /** zip/stale-timestamp fires for files older than releaseDate minus this many years. */
  staleYears: number;
  now: Date;
  /** PEM texts of trusted root certificates. */
  trustedRoots: string[];
  /** PEM texts of certificates the user was sent (a vendor's chain, a cross-signed root): used to build paths, never trusted. */
  extraCertificates: string[];
  /** Armored OpenPGP public keys trusted to sign packages and checksum lists. */
  trustedKeys: string[];
  shellcheck: { enabled: boolean; path: string };
}

export const MiB = 1024 * 1024;

export function defaultSettings(overrides: Partial<ReviewSettings> = {}): ReviewSettings {
  return {
    limits: { maxEntryBytes: 2048 * MiB, maxRatio: 200, maxTotalBytes: 8192 * MiB, maxTextBytes: 8 * MiB, maxDepth: 4, maxNestedBytes: 256 * MiB, maxHeldBytes: 256 * MiB },
    staleYears: 3,
    now: new Date(),
    trustedRoots: [],
    extraCertificates: [],
    trustedKeys: [],
    shellcheck: { enabled: true, path: 'shellcheck' },
    ...overrides,
  };
}
