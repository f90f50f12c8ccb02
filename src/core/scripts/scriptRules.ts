import type { Check, PackageCheck, ReviewContext } from '../context';
import type { Finding } from '../finding';
import { finding } from '../rule';
import { unitName } from '../compat/inventory';
import { MANIFEST_PATH } from '../manifest/model';
import { operands, type ScriptModel, type ShellCommand } from './model';
import { buildScriptModel } from './session';
import { literalVariables, scriptsByName, sourcedScripts } from './held';
import type { ScriptEnv } from './env';
import { isStatementRule, lintStatements, lintWhole, type ScriptRule, type StatementRule, type WholeScriptRule } from './scriptRule';
import { fileWrites } from './writes';
import { oversizedScripts } from './found';
import { unparsedRule } from './rules/unparsed';
import { rebootRule, reboots } from './rules/reboot';
import { append } from '../append';
import { SHELLCHECK_MAX_DEPTH } from './substitutionDepth';

const SPLIT = new WeakMap<readonly ScriptRule[], { statements: StatementRule[]; whole: WholeScriptRule[] }>();

/** A list of rules split by scope, once per list: the split list is what a part's kept findings are keyed by. */
function byScope(rules: readonly ScriptRule[]): { statements: StatementRule[]; whole: WholeScriptRule[] } {
  let split = SPLIT.get(rules);
  if (!split) {
    split = { statements: rules.filter(isStatementRule), whole: rules.filter((r): r is WholeScriptRule => !isStatementRule(r)) };
    SPLIT.set(rules, split);
  }
  return split;
}

/**
 * Every script rule over one script. Statement rules run part by part of a session's model, and a part's
 * findings are kept while its text and the environment stay the same; whole-script rules read it all.
 */
export function lintScript(rules: readonly ScriptRule[], model: ScriptModel, env: ScriptEnv): Finding[] {
  if (model.notParsed !== undefined) {
    // No rule may judge a script it did not see (script/no-errexit would find no `set -e` in it).
    return [finding(unparsedRule.meta, model.path, `${model.path} ${model.notParsed}: it was not parsed, so no script rule saw it; read it by hand`)];
  }
  const { statements, whole } = byScope(rules);
  const out: Finding[] = [];
  if (!model.parts) {
    append(out, lintStatements(statements, model, env, model.path));
  } else {
    for (const { part, row } of model.parts) {
      const found = part.findingsOf(statements, env, model.path, row, (own) => lintStatements(statements, own, env, model.path));
      if (found.length > 0) {
        append(out, found);
      }
    }
  }
  append(out, lintWhole(whole, model, env));
  return out;
}

const AUX_TEXT = /\.(sql|service|timer|cron|crontab)$|(^|\/)cron[^/]*\//;

async function auxiliaryText(ctx: ReviewContext): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const files = ctx.pkg.files();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
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
  const targets = [
    ...packagePaths,
    ...models.flatMap((m) => {
      const resolve = literalVariables(m.assignments);
      return [...fileWrites(m.commands).map((w) => resolve(w.target)), ...m.commands.flatMap((c) => unitsPlaced(c).map(resolve))];
    }),
  ];
  const units = new Set(targets.filter((p) => UNIT_FILE.test(p)).map((p) => unitName(p.split('/').pop()!)));
  for (const m of models) {
    for (const cmd of m.commands) {
      for (const name of unitsProvided(cmd)) {
        units.add(unitName(name));
      }
    }
  }
  return units;
}

const UNIT_DIR = /^\/(etc|lib|usr\/lib)\/systemd\/(system|user)\/?$/;

/** Unit files a command copies into a systemd folder (`cp x.service /etc/systemd/system/`, `install -m644 …`). */
function unitsPlaced(cmd: ShellCommand): string[] {
  if (cmd.name !== 'cp' && cmd.name !== 'install' && cmd.name !== 'mv' && cmd.name !== 'ln') {
    return [];
  }
  const ops = operands(cmd, ['-m', '-o', '-g', '-t', '--mode', '--owner', '--group']).map((w) => w.value ?? w.text);
  const dest = ops[ops.length - 1] ?? '';
  if (ops.length < 2) {
    return [];
  }
  if (UNIT_DIR.test(dest)) {
    return ops.slice(0, -1).map((src) => `${dest.replace(/\/?$/, '/')}${src.split('/').pop()}`);
  }
  return [dest];
}

const PACKAGE_INSTALLERS = new Set(['apt', 'apt-get', 'yum', 'dnf', 'zypper', 'apk']);

/**
 * Units a command brings with it: a package it installs (`apt-get install nginx` then `service nginx reload`)
 * usually ships a unit of its name, and units that `deb-systemd-helper` manages are the package's own.
 */
function unitsProvided(cmd: ShellCommand): string[] {
  const ops = operands(cmd, ['-o', '-c', '-t']).map((w) => w.value ?? '');
  if (PACKAGE_INSTALLERS.has(cmd.name) && (ops[0] === 'install' || ops[0] === 'add' || ops[0] === 'in')) {
    return ops.slice(1).filter((p) => /^[a-z0-9][a-z0-9+.-]*$/.test(p)).map((p) => p.replace(/[=:].*$/, ''));
  }
  if (cmd.name === 'deb-systemd-helper') {
    return ops.slice(1).filter((u) => u !== '');
  }
  return [];
}

/** Every script/* rule over every script, and ShellCheck when it is there. */
const scriptPass: Check = async (ctx) => {
  const { texts: scripts, shellcheck: checked } = ctx.models.scripts;
  const limit = ctx.settings.limits.maxTextBytes;
  const tooLarge = oversizedScripts(ctx).map((f) => finding(unparsedRule.meta, f.path, `${f.path} is ${f.size} bytes, past the ${limit} bytes a script may have: it was not read, so no script rule saw it; read it by hand`));
  if (scripts.size === 0) {
    return tooLarge;
  }
  const inventory = ctx.models.inventory;
  const hooks = ctx.manifest?.scripts ?? {};
  const undoPaths = new Set([hooks.rollback, hooks.cleanup].filter(Boolean));
  const undoText = [...undoPaths].map((p) => scripts.get(p!) ?? '').join('\n');
  const packageText = await auxiliaryText(ctx);
  // A package reviewed again and again keeps its script sessions: only what changed is parsed again.
  const sessions = ctx.pkg.scripts;
  sessions?.keepOnly(new Set(scripts.keys()));
  const models: ScriptModel[] = [];
  const out: Finding[] = [...tooLarge];
  try {
    for (const [path, text] of scripts) {
      models.push(sessions ? await sessions.model(path, text) : await buildScriptModel(path, text));
    }
    const packageUnits = installedUnits(models, ctx.pkg.files().map((f) => f.path));
    const base = { inventory, reboot: ctx.manifest?.reboot, undoText, packageText, packageUnits, now: ctx.settings.now };
    const byName = scriptsByName(models);
    for (const model of models) {
      const env: ScriptEnv = { ...base, isUndoScript: undoPaths.has(model.path), sourced: sourcedScripts(model, byName) };
      append(out, lintScript(ctx.scriptRules, model, sessions ? sessions.env(model.path, env, ctx.workspace.inventory?.text ?? '') : env));
    }
    if (ctx.manifest?.reboot === true && !models.some((m) => m.commands.some(reboots))) {
      out.push(finding(rebootRule.meta, MANIFEST_PATH, 'the manifest says "reboot": true, but no script reboots: who reboots, and when?', ctx.manifest.doc.valueRange(['reboot'])));
    }
  } finally {
    if (!sessions) {
      models.forEach((m) => m.dispose());
    }
  }
  if (checked) {
    const { findings, missing, unfinished, tooDeep } = await checked;
    append(out, findings);
    if (tooDeep) {
      ctx.notes.push(`ShellCheck was not run on ${tooDeep.join(', ')}: ${tooDeep.length === 1 ? 'its' : 'their'} command substitutions nest more than ${SHELLCHECK_MAX_DEPTH} levels deep, and ShellCheck's time doubles with each level (it would not finish); read ${tooDeep.length === 1 ? 'it' : 'them'} by hand`);
    }
    if (missing !== undefined) {
      ctx.notes.push(`ShellCheck findings skipped: ${missing}`);
    }
    if (unfinished) {
      ctx.notes.push(`ShellCheck did not finish in time on ${unfinished.join(', ')}: its findings for ${unfinished.length === 1 ? 'it are' : 'them are'} missing`);
    }
  }
  return out;
};

/** The script pass: the registry's script rules over every script, and the rules the pass reports itself. */
export const scripts: PackageCheck = { rules: [], run: scriptPass };
