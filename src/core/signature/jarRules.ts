import type { Check, PackageCheck } from '../context';
import type { Finding } from '../finding';
import { readPackageBytes } from '../context';
import { JAR_SIGNATURE_FILE, verifyJar } from './jar';

const NESTED_SF = /^(.*!\/)META-INF\/[^/]+\.SF$/i;

/**
 * JAR signatures of the archives inside the package (plugins, nested JARs and ZIPs signed with jarsigner),
 * and of the package itself when it also carries another signature: each checked as jar.ts says.
 */
const jarRules: Check = async (ctx) => {
  // One cheap test per file first: most packages have no META-INF/ at all.
  const signatureFiles = ctx.pkg.files().filter((f) => f.type === 'file' && f.path.includes('META-INF/') && /\.SF$/i.test(f.path)).map((f) => f.path);
  if (signatureFiles.length === 0) {
    return [];
  }
  const paths = ctx.pkg.files().filter((f) => f.type === 'file').map((f) => f.path);
  const prefixes = new Set(signatureFiles.map((p) => NESTED_SF.exec(p)?.[1]).filter((p): p is string => p !== undefined));
  if (!ctx.models.signature?.jarRoot && signatureFiles.some((p) => JAR_SIGNATURE_FILE.test(p))) {
    prefixes.add('');
  }
  const out: Finding[] = [];
  const reader = { paths: () => paths, read: (p: string) => readPackageBytes(ctx, p, ctx.settings.limits.maxEntryBytes), sha256: (p: string) => ctx.digests.get(p) };
  for (const prefix of prefixes) {
    await verifyJar(reader, prefix, ctx.settings, ctx.manifest?.releaseDate, out);
  }
  return out;
};

/** Its findings are the signature and manifest rules' own: nothing new to register. */
export const jarSignatures: PackageCheck = { rules: [], run: jarRules };
