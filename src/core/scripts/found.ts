import type { PackageScripts, ReviewContext } from '../context';
import type { PackageFile } from '../package/source';
import { createHash } from 'node:crypto';
import { shellcheckAll, type ShellcheckReport } from './shellcheck';
import { bashParser } from './parser';
import { tooLargeToModel } from './limit';
import { nestsDeeperThan, SHELLCHECK_MAX_DEPTH } from './substitutionDepth';

type Reading = Pick<ReviewContext, 'pkg' | 'settings' | 'unreadable' | 'manifest'>;

const SHEBANG = /^#!\s*\S*(?:\/|env\s+)(?:ba|da|k|z|a)?sh\b/;
const MAX_SHEBANG_PROBE = 256 * 1024;
/** Debian and RPM maintainer scripts and init scripts, named by their role (`dten-agent.prerm`). */
const MAINTAINER_SCRIPT = /\.(preinst|postinst|prerm|postrm|init)$/;

/** The manifest's hook scripts. */
const hooksOf = (ctx: Reading): Set<string | undefined> => new Set(Object.values(ctx.manifest?.scripts ?? {}));

const SHELL_NAME = /\.(sh|bash)$/;
/** A name with an extension of at most five letters. The pattern holds no '/': it matches in the last segment only. */
const EXTENSION = /\.[A-Za-z0-9]{1,5}$/;

/** A script by its name alone: a hook of the manifest, or *.sh / *.bash. */
const namedScript = (hooks: Set<string | undefined>, path: string): boolean => hooks.has(path) || SHELL_NAME.test(path);

/** Files named as scripts but too large to read as text (reported, never skipped in silence). */
export function oversizedScripts(ctx: Reading): PackageFile[] {
  const hooks = hooksOf(ctx);
  const limit = ctx.settings.limits.maxTextBytes;
  return ctx.pkg.files().filter((f) => f.type === 'file' && f.size > limit && (namedScript(hooks, f.path) || MAINTAINER_SCRIPT.test(f.path)));
}

/** Scripts of a package: hooks, *.sh/*.bash, and small files whose shebang names a shell. */
export async function findScripts(ctx: Reading): Promise<Map<string, string>> {
  const hooks = hooksOf(ctx);
  const scripts = new Map<string, string>();
  const files = ctx.pkg.files();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    if (f.type !== 'file' || ctx.unreadable.has(f.path) || f.size > ctx.settings.limits.maxTextBytes) {
      continue;
    }
    const named = namedScript(hooks, f.path);
    // No extension, or a maintainer script's own (x.prerm, x.postinst: five or more letters): read the shebang.
    const probe = !named && (!EXTENSION.test(f.path) || MAINTAINER_SCRIPT.test(f.path)) && f.size <= MAX_SHEBANG_PROBE;
    if (!named && !probe) {
      continue;
    }
    try {
      const text = (await ctx.pkg.read(f.path, ctx.settings.limits.maxTextBytes)).toString('utf8');
      if (named || SHEBANG.test(text)) {
        scripts.set(f.path, text);
      }
    } catch {
      // unreadable entries are reported by the archive pass
    }
  }
  return scripts;
}

/**
 * Finds the scripts and starts ShellCheck on them at once, in processes of its own, so that it works beside
 * the rest of the review (the signature, the other models, our own parse) rather than after it. An aborted
 * `signal` (a cancelled review) kills them.
 */
export async function packageScripts(ctx: Reading, signal?: AbortSignal): Promise<PackageScripts> {
  const texts = await findScripts(ctx);
  if (texts.size === 0) {
    return { texts };
  }
  // The shell parser is started now too: its wasm compiles on V8's threads while the models and the signature
  // are read (a failure is reported by the script pass, which waits for it).
  void bashParser().catch(() => undefined);
  if (!ctx.settings.shellcheck.enabled) {
    return { texts };
  }
  // A script too long to model is not given to ShellCheck either: script/unparsed says to read it by hand.
  const checked = new Map([...texts].filter(([, text]) => tooLargeToModel(text) === undefined));
  // Nor one whose substitutions nest past what ShellCheck finishes: it would hold up the review for ShellCheck's
  // whole time limit, and take the findings of every script checked beside it with it.
  const tooDeep: string[] = [];
  for (const [path, text] of checked) {
    if (await nestsDeeperThan(text, SHELLCHECK_MAX_DEPTH).catch(() => false)) {
      tooDeep.push(path);
      checked.delete(path);
    }
  }
  const report = checked.size > 0 ? shellcheckOnce(ctx.pkg.derived, checked, ctx.settings.shellcheck.path, signal) : Promise.resolve({ findings: [] });
  return { texts, shellcheck: tooDeep.length > 0 ? report.then((r) => ({ ...r, tooDeep })) : report };
}

/**
 * ShellCheck's report on these scripts, kept for the package's later reviews (`derived`): the editor reviews
 * again at every change of the workspace, the ledger or a setting, and the scripts of a ZIP do not change under
 * it (435 maintainer scripts: 2.5 s of ShellCheck each time). Only a whole report is kept, not one of a run that
 * was cancelled, did not finish a script or found no ShellCheck (it may be installed since); reviews at the same
 * time run their own (a cancelled one kills only its own). Each review gets its own copy of the findings.
 */
function shellcheckOnce(derived: Map<string, unknown> | undefined, scripts: ReadonlyMap<string, string>, program: string, signal?: AbortSignal): Promise<ShellcheckReport> {
  if (!derived) {
    return shellcheckAll(scripts, program, undefined, signal);
  }
  const hash = createHash('sha256').update(program);
  for (const [path, text] of scripts) {
    hash.update(`\0${path}\0${text.length}\0`).update(text);
  }
  const key = `shellcheck ${hash.digest('hex')}`;
  const known = derived.get(key) as ShellcheckReport | undefined;
  if (known) {
    return Promise.resolve({ ...known, findings: known.findings.map((f) => structuredClone(f)) });
  }
  const run = shellcheckAll(scripts, program, undefined, signal);
  void run.then((report) => {
    if (report.missing === undefined && report.unfinished === undefined && !signal?.aborted) {
      derived.set(key, { ...report, findings: report.findings.map((f) => structuredClone(f)) });
    }
  }, () => undefined); // the review that awaits `run` says why it failed
  return run;
}
