import * as semver from 'semver';


/**
 * A distribution version as comparable semver: the epoch ("1:"), the Debian or RPM revision ("-1~deb12u2",
 * "-3.el9") and "~"/"+" suffixes are dropped, missing parts filled ("15.4" → 15.4.0).
 * undefined when nothing version-like remains.
 */
export function normaliseVersion(version: string): string | undefined {
  // Never read "3.9.2-3" as a prerelease: a hyphen here starts a distribution revision.
  let v = version.trim().replace(/^\d+:/, '');
  v = v.split('-')[0].split('~')[0].split('+')[0];
  return semver.coerce(v)?.version;
}
