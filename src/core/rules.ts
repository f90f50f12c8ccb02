import type { Severity } from './finding';

/** Every rule the engine can report: id, default severity, one-line title. Docs: docs/rules/<id>.md. */
export interface RuleMeta { id: string; severity: Severity; title: string }

export const RULES: readonly RuleMeta[] = [
  { id: 'zip/corrupt', severity: 'error', title: 'The archive or an entry cannot be read' },
  { id: 'zip/path-traversal', severity: 'error', title: 'An entry name escapes the package root' },
  { id: 'zip/symlink-escape', severity: 'error', title: 'A symlink points outside the package' },
  { id: 'zip/compression-bomb', severity: 'error', title: 'An entry expands beyond the limits' },
  { id: 'zip/encrypted-entry', severity: 'warning', title: 'An entry is encrypted and cannot be reviewed' },
  { id: 'zip/duplicate-entry', severity: 'warning', title: 'Two entries share a name' },
  { id: 'zip/stale-timestamp', severity: 'info', title: 'A payload file is much older than the release' },
  { id: 'zip/unlisted-file', severity: 'warning', title: 'A payload file is not listed in the manifest' },
  { id: 'zip/overlapping-entries', severity: 'error', title: "Two entries' data overlap in the file" },
  { id: 'zip/header-mismatch', severity: 'error', title: 'A local header disagrees with the central directory' },
  { id: 'zip/hidden-content', severity: 'error', title: 'The archive holds data a listing does not show' },
  { id: 'zip/unsafe-name', severity: 'warning', title: 'An entry name holds control characters, a backslash, or a Unicode twin' },
  { id: 'zip/unsupported-method', severity: 'warning', title: 'An entry is compressed with a method the review cannot read' },
  { id: 'manifest/missing', severity: 'error', title: 'The package has no manifest.json' },
  { id: 'manifest/invalid-json', severity: 'error', title: 'manifest.json is not valid JSON' },
  { id: 'manifest/schema', severity: 'error', title: 'A manifest field is missing or of the wrong type' },
  { id: 'manifest/duplicate-key', severity: 'error', title: 'A key appears twice in one object' },
  { id: 'manifest/invalid-range', severity: 'error', title: 'A version range is not valid semver' },
  { id: 'manifest/loose-range', severity: 'warning', title: 'A version range has no upper bound' },
  { id: 'manifest/ambiguous-flag', severity: 'warning', title: 'A boolean field holds something else' },
  { id: 'manifest/missing-file', severity: 'error', title: 'A file named in the manifest is not in the package' },
  { id: 'manifest/hash-mismatch', severity: 'error', title: "A file's SHA-256 differs from the manifest" },
  { id: 'manifest/no-rollback', severity: 'warning', title: 'There is no rollback script' },
  { id: 'signature/missing', severity: 'warning', title: 'No signature or certificate' },
  { id: 'signature/invalid', severity: 'error', title: 'The signature does not verify over manifest.json' },
  { id: 'signature/untrusted-root', severity: 'error', title: 'The certificate chain does not end at a trusted root' },
  { id: 'signature/expired', severity: 'error', title: 'A certificate is not valid at the release date or today' },
  { id: 'signature/key-usage', severity: 'error', title: 'The signer certificate may not sign' },
  { id: 'script/sudo', severity: 'warning', title: 'A command runs through sudo, su -c or doas' },
  { id: 'script/unknown-systemd-unit', severity: 'warning', title: 'A systemd unit the target does not have' },
  { id: 'script/unlocked-schema-change', severity: 'error', title: 'Schema change without a migration lock' },
  { id: 'script/cron-job', severity: 'warning', title: 'The script installs a scheduled job' },
  { id: 'script/retired-host', severity: 'error', title: 'The script calls a retired host' },
  { id: 'script/remote-exec', severity: 'error', title: 'Downloaded content is piped into a shell' },
  { id: 'script/unsafe-rm', severity: 'error', title: 'rm -r on / or on a possibly empty variable' },
  { id: 'script/no-errexit', severity: 'warning', title: 'The script never enables set -e' },
  { id: 'script/hardcoded-secret', severity: 'error', title: 'A secret is written in the script' },
  { id: 'script/insecure-url', severity: 'warning', title: 'Something is fetched over plain http or ftp' },
  { id: 'script/external-side-effect', severity: 'info', title: 'A side effect a snapshot rollback will not undo' },
  { id: 'script/reboot-mismatch', severity: 'warning', title: "Reboots disagree with the manifest's reboot flag" },
  { id: 'script/unparsed', severity: 'warning', title: 'Part of a script could not be parsed' },
  { id: 'script/interactive-prompt', severity: 'warning', title: 'The script waits for a person' },
  { id: 'script/tls-verify-off', severity: 'error', title: 'Certificate checks are turned off for a download' },
  { id: 'script/insecure-tmp', severity: 'warning', title: 'A fixed path under /tmp is written' },
  { id: 'script/host-hardening', severity: 'error', title: "The script weakens the host's security" },
  { id: 'script/broad-upgrade', severity: 'warning', title: 'The script upgrades the whole host' },
  { id: 'script/destructive-sql', severity: 'error', title: 'SQL that destroys data or widens access' },
  { id: 'config/deprecated-key', severity: 'warning', title: 'A config key is deprecated in the target version' },
  { id: 'config/removed-key', severity: 'error', title: 'A config key is removed in the target version' },
  { id: 'config/required-key', severity: 'error', title: 'A required config key is missing or wrong' },
  { id: 'config/no-matrix', severity: 'info', title: 'No deprecation matrix: config drift not checked' },
  { id: 'compat/unsatisfied', severity: 'error', title: 'An installed version does not satisfy the range' },
  { id: 'compat/not-installed', severity: 'warning', title: 'A required dependency is not installed' },
  { id: 'compat/no-upgrade-path', severity: 'error', title: 'No upgrade path from the installed version' },
  { id: 'compat/downgrade', severity: 'error', title: 'The package would downgrade the product' },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

export function severityOf(id: string): Severity {
  const meta = BY_ID.get(id);
  if (!meta) {
    throw new Error(`unknown rule ${id}`);
  }
  return meta.severity;
}

export const DOCS_BASE_URL = 'https://github.com/upgrade-inspector/upgrade-inspector/blob/main/docs/rules/';

/** The doc page of a rule; ShellCheck codes link to ShellCheck's wiki. */
export function ruleDocUrl(id: string): string {
  const sc = /^shellcheck\/(SC\d+)$/.exec(id);
  return sc ? `https://www.shellcheck.net/wiki/${sc[1]}` : `${DOCS_BASE_URL}${id}.md`;
}

import type { Finding, Origin, Range } from './finding';
import { ZERO_RANGE } from './finding';

/** A finding of a registered rule, with the rule's severity. */
export function finding(
  rule: string,
  file: string,
  message: string,
  range: Range = ZERO_RANGE,
  origin: Origin = 'package',
  extra: Partial<Finding> = {},
): Finding {
  return { rule, severity: severityOf(rule), file, origin, range, message, ...extra };
}
