import type { Check, ReviewContext } from '../context';
import type { Finding } from '../finding';
import { finding } from '../rules';
import { parseInventory, unitName } from '../compat/inventory';
import { MANIFEST_PATH } from '../manifest/model';
import type { ScriptModel } from './model';
import { buildScriptModel } from './session';
import type { ScriptEnv, ScriptRule } from './env';
import { fileWrites } from './writes';
import { runShellcheck } from './shellcheck';
import { sudoRule } from './rules/sudo';
import { systemdUnitRule } from './rules/systemdUnits';
import { schemaChangeRule } from './rules/schemaChange';
import { cronJobRule } from './rules/cronJob';
import { retiredHostRule } from './rules/retiredHost';
import { remoteExecRule } from './rules/remoteExec';
import { unsafeRmRule } from './rules/unsafeRm';
import { errexitRule } from './rules/errexit';
import { secretRule } from './rules/secret';
import { insecureUrlRule } from './rules/insecureUrl';
import { sideEffectRule } from './rules/sideEffect';
import { rebootRule, reboots } from './rules/reboot';
import { tlsVerifyOffRule } from './rules/tlsVerifyOff';
import { broadUpgradeRule } from './rules/broadUpgrade';
import { destructiveSqlRule } from './rules/destructiveSql';
import { interactivePromptRule } from './rules/interactivePrompt';
import { insecureTmpRule } from './rules/insecureTmp';
import { hostHardeningRule } from './rules/hostHardening';

export const SCRIPT_RULES: ScriptRule[] = [
  sudoRule,
  systemdUnitRule,
  schemaChangeRule,
  cronJobRule,
  retiredHostRule,
  remoteExecRule,
  unsafeRmRule,
  errexitRule,
  secretRule,
  insecureUrlRule,
  sideEffectRule,
  rebootRule,
  tlsVerifyOffRule,
  broadUpgradeRule,
  destructiveSqlRule,
  interactivePromptRule,
  insecureTmpRule,
  hostHardeningRule,
];

/** Rules whose findings come from one statement at a time (and the environment): run part by part, kept. */
const PER_STATEMENT: readonly ScriptRule[] = [
  sudoRule,
  systemdUnitRule,
  schemaChangeRule,
  remoteExecRule,
  secretRule,
  insecureUrlRule,
  sideEffectRule,
  tlsVerifyOffRule,
  broadUpgradeRule,
  destructiveSqlRule,
  interactivePromptRule,
  insecureTmpRule,
];
const WHOLE_SCRIPT = SCRIPT_RULES.filter((r) => !PER_STATEMENT.includes(r));

/**
 * Every script/* rule over one script. Rules that look at one statement at a time run per part of a
 * session's model, and a part's findings are kept while its text and the environment stay the same.
 */
export function lintScript(model: ScriptModel, env: ScriptEnv): Finding[] {
  if (!model.parts) {
    return SCRIPT_RULES.flatMap((rule) => rule(model, env));
  }
  const out: Finding[] = [];
  for (const { part, row } of model.parts) {
    const found = part.findingsOf(PER_STATEMENT, env, model.path, row);
    if (found.length > 0) {
      out.push(...found);
    }
  }
  for (const rule of WHOLE_SCRIPT) {
    out.push(...rule(model, env));
  }
  return out;
}

const SHEBANG = /^#!\s*\S*(?:\/|env\s+)(?:ba|da|k|z|a)?sh\b/;
const AUX_TEXT = /\.(sql|service|timer|cron|crontab)$|(^|\/)cron[^/]*\//;
const MAX_SHEBANG_PROBE = 256 * 1024;

/** Scripts of a package: hooks, *.sh/*.bash, and small files whose shebang names a shell. */
export async function findScripts(ctx: ReviewContext): Promise<Map<string, string>> {
  const hooks = new Set(Object.values(ctx.manifest?.scripts ?? {}));
  const scripts = new Map<string, string>();
  for (const f of ctx.pkg.files()) {
    if (f.type !== 'file' || ctx.unreadable.has(f.path) || f.size > ctx.settings.limits.maxTextBytes) {
      continue;
    }
    const named = hooks.has(f.path) || /\.(sh|bash)$/.test(f.path);
    const probe = !named && !/\.[A-Za-z0-9]{1,5}$/.test(f.path.split('/').pop()!) && f.size <= MAX_SHEBANG_PROBE;
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

async function auxiliaryText(ctx: ReviewContext): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of ctx.pkg.files()) {
    if (f.type === 'file' && AUX_TEXT.test(f.path) && f.size <= 1024 * 1024 && !ctx.unreadable.has(f.path)) {
      try {
        out.set(f.path, (await ctx.pkg.read(f.path, 1024 * 1024)).toString('utf8'));
      } catch {
        // reported elsewhere
      }
    }
  }
  return out;
}

const UNIT_FILE = /\.(service|timer|socket)$/;

/** systemd units the package brings: unit files it ships, and unit files its scripts write. */
export function installedUnits(models: readonly ScriptModel[], packagePaths: readonly string[]): Set<string> {
  const targets = [...packagePaths, ...models.flatMap((m) => fileWrites(m.commands).map((w) => w.target))];
  return new Set(targets.filter((p) => UNIT_FILE.test(p)).map((p) => unitName(p.split('/').pop()!)));
}

/** Every script/* rule over every script, and ShellCheck when it is there. */
export const scriptRules: Check = async (ctx) => {
  const scripts = await findScripts(ctx);
  if (scripts.size === 0) {
    return [];
  }
  const inventory = ctx.workspace.inventory ? parseInventory(ctx.workspace.inventory.text, ctx.workspace.inventory.path) : undefined;
  if (!inventory) {
    ctx.notes.push('no inventory: systemd units and retired hosts in scripts were not checked (add .upgrade-inspector/inventory.json or pass --inventory)');
  }
  const hooks = ctx.manifest?.scripts ?? {};
  const undoPaths = new Set([hooks.rollback, hooks.cleanup].filter(Boolean));
  const undoText = [...undoPaths].map((p) => scripts.get(p!) ?? '').join('\n');
  const packageText = await auxiliaryText(ctx);
  // A package reviewed again and again keeps its script sessions: only what changed is parsed again.
  const sessions = ctx.pkg.scripts;
  sessions?.keepOnly(new Set(scripts.keys()));
  const models: ScriptModel[] = [];
  const out: Finding[] = [];
  try {
    for (const [path, text] of scripts) {
      models.push(sessions ? await sessions.model(path, text) : await buildScriptModel(path, text));
    }
    const packageUnits = installedUnits(models, ctx.pkg.files().map((f) => f.path));
    const base = { inventory, reboot: ctx.manifest?.reboot, undoText, packageText, packageUnits, now: ctx.settings.now };
    for (const model of models) {
      const env: ScriptEnv = { ...base, isUndoScript: undoPaths.has(model.path) };
      out.push(...lintScript(model, sessions ? sessions.env(model.path, env, ctx.workspace.inventory?.text ?? '') : env));
    }
    if (ctx.manifest?.reboot === true && !models.some((m) => m.commands.some(reboots))) {
      out.push(finding('script/reboot-mismatch', MANIFEST_PATH, 'the manifest says "reboot": true, but no script reboots: who reboots, and when?', ctx.manifest.doc.valueRange(['reboot'])));
    }
  } finally {
    if (!sessions) {
      models.forEach((m) => m.dispose());
    }
  }
  if (ctx.settings.shellcheck.enabled) {
    for (const [path, text] of scripts) {
      const outcome = await runShellcheck(text, path, ctx.settings.shellcheck.path);
      if ('missing' in outcome) {
        ctx.notes.push(`ShellCheck findings skipped: ${outcome.missing}`);
        break;
      }
      out.push(...outcome.findings);
    }
  }
  return out;
};
