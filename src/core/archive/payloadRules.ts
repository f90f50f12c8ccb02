import type { Check, PackageCheck, ReviewContext } from '../context';
import { MANIFEST_PATH } from '../manifest/model';
import type { PackageFile } from '../package/source';
import type { RuleMeta } from '../rule';
import { MANIFEST_SIGNATURES } from '../signature/outcome';
import { repeatedFindings } from '../group';
import { append } from '../append';

export const UNLISTED_FILE: RuleMeta = { id: 'zip/unlisted-file', severity: 'warning', title: 'A payload file is not listed in the manifest', scope: 'package' };
export const STALE_TIMESTAMP: RuleMeta = { id: 'zip/stale-timestamp', severity: 'info', title: 'A payload file is much older than the release', scope: 'package' };

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/**
 * The files the manifest should list: everything but the manifest, its signature and the certificate. Files
 * inside a nested archive are covered by the archive's own entry, and dated by it.
 */
export function payloadFiles(ctx: ReviewContext): PackageFile[] {
  const m = ctx.manifest;
  // The manifest's signature in any of its forms covers the manifest, not the payload.
  const own = new Set([MANIFEST_PATH, m?.signatureFile, m?.certificateFile, ...MANIFEST_SIGNATURES]);
  return ctx.pkg.files().filter((f) => f.type !== 'directory' && !own.has(f.path) && !f.path.includes('!/'));
}

/** zip/unlisted-file and zip/stale-timestamp: both judged against what the manifest says. */
const payloadRules: Check = (ctx) => {
  const m = ctx.manifest;
  const list = ctx.models.checksums;
  if ((!m || m.doc.syntaxErrors.length > 0) && !list) {
    return [];
  }
  const unlisted: PackageFile[] = [];
  const stale: PackageFile[] = [];
  // What covers the payload: the manifest's files, or the checksum list when the manifest lists none.
  const listed = new Set(m && m.files.length > 0 ? m.files.map((f) => f.path) : (list?.entries.map((e) => e.path) ?? []));
  if (list && !(m && m.files.length > 0)) {
    listed.add(list.path);
    ['.asc', '.sig', '.gpg'].forEach((ext) => listed.add(list.path + ext));
  }
  const release = m?.releaseDate;
  const cutoff = release ? release.getTime() - ctx.settings.staleYears * YEAR_MS : undefined;
  payloadFiles(ctx).forEach((file) => {
    if (!listed.has(file.path)) {
      unlisted.push(file);
    }
    if (cutoff !== undefined && file.mtime.getTime() < cutoff) {
      stale.push(file);
    }
  });
  const ledger = ctx.workspace.ledger;
  const out = repeatedFindings(UNLISTED_FILE, unlisted, (f) => `${f.path} is not listed in manifest.files, so no hash or signature covers it`, ledger);
  if (release) {
    const day = (d: Date): string => d.toISOString().slice(0, 10);
    const years = (f: PackageFile): string => ((release.getTime() - f.mtime.getTime()) / YEAR_MS).toFixed(1);
    append(out, repeatedFindings(STALE_TIMESTAMP, stale, (f) => `${f.path} was last modified ${day(f.mtime)}, ${years(f)} years before the release date ${day(release)}: is this the build you expect?`, ledger));
  }
  return out;
};

export const payload: PackageCheck = { rules: [STALE_TIMESTAMP, UNLISTED_FILE], run: payloadRules };
