import { configDrift } from './config/drift';
import type { Finding } from './finding';
import { applyLedger } from './ledger';
import { SCRIPT_RULES } from './rules';
import { reviewPackage, type ReviewResult } from './review';
import type { PackageSource } from './package/source';
import { lintScript } from './scripts/scriptRules';
import { ScriptSessions } from './scripts/sessions';
import type { ScriptEnv } from './scripts/env';
import { parseInventory } from './compat/inventory';
import type { ReviewSettings } from './settings';
import type { TextFile } from './textFile';
import type { Workspace } from './workspace';
import { ExpandedPackage } from './nested/expand';

/** Findings by the file they are about, for every file an update affects (an empty list clears a file). */
export type FindingsByFile = Map<string, Finding[]>;

function byFile(files: readonly string[], findings: readonly Finding[]): FindingsByFile {
  const out: FindingsByFile = new Map(files.map((f) => [f, []]));
  for (const f of findings) {
    (out.get(f.file) ?? out.set(f.file, []).get(f.file)!).push(f);
  }
  return out;
}

/**
 * The one way into the engine for the editor and the command line: a package, the workspace it is judged
 * with, and the settings. `review()` answers with every finding; `updateWorkspaceFile` and
 * `updatePackageScript` answer an unsaved edit with the findings of every file it affects, judged the way a
 * review would judge them (all config files together, the ledger applied), without reviewing everything.
 */
export class ReviewSession {
  private result?: ReviewResult;
  /** Unsaved texts of workspace files, standing in for the files on disk in every later review. */
  private readonly workspaceOverlay = new Map<string, string>();

  private workspace?: Workspace;
  /** The package with its nested archives opened, and the limits it was opened with. */
  private expanded?: { pkg: ExpandedPackage; limits: string };

  constructor(readonly pkg: PackageSource) {}

  /** The last review's result. */
  get last(): ReviewResult | undefined {
    return this.result;
  }

  /** The package with its nested archives opened (after the first review; the package itself before). */
  get source(): PackageSource {
    return this.expanded?.pkg ?? this.pkg;
  }

  /** Reviews the package with the workspace and settings as they are now; an aborted signal stops it (see reviewPackage). */
  async review(workspace: Workspace, settings: ReviewSettings, signal?: AbortSignal): Promise<ReviewResult> {
    this.workspace = workspace;
    // A ZIP does not change under a session (a replaced file makes a new one); a folder may, and new limits
    // (a deeper maxDepth) may open more: then the archives inside are opened again.
    const limits = JSON.stringify(settings.limits);
    if (!this.expanded || this.expanded.limits !== limits || this.pkg.kind === 'folder') {
      this.expanded = { pkg: await ExpandedPackage.open(this.pkg, settings), limits };
    }
    this.result = await reviewPackage(this.expanded.pkg, { ...workspace, configFiles: this.configFiles() }, settings, signal);
    return this.result;
  }

  private configFiles(extra?: TextFile): TextFile[] {
    const files = (this.workspace?.configFiles ?? []).map((f) => ({ path: f.path, text: this.workspaceOverlay.get(f.path) ?? f.text }));
    return extra && !files.some((f) => f.path === extra.path) ? [...files, extra] : files;
  }

  /**
   * A config file of the workspace changed as the user types: config drift judged again over every config
   * file (one file may set a key another is required to have), for every config file. Undefined when this
   * package's review did not check drift (no matrix, no version).
   */
  updateWorkspaceFile(path: string, text: string): FindingsByFile | undefined {
    this.workspaceOverlay.set(path, text);
    const drift = this.result?.drift;
    if (!drift) {
      return undefined;
    }
    const files = this.configFiles({ path, text });
    const { open } = applyLedger(configDrift(files, drift.matrix, drift.target, drift.product), this.result?.ledger);
    return byFile(files.map((f) => f.path), open);
  }

  /** The editor's text of a workspace file is the file on disk again (saved or closed). */
  forgetWorkspaceFile(path: string): void {
    this.workspaceOverlay.delete(path);
  }

  /**
   * A script of an unpacked package changed as the user types: that script linted again at once, through its
   * session (only the statements the edit touches are parsed again), with the environment of the last review.
   * The unsaved text stands in for the file in later reviews. Undefined when the package keeps no sessions or
   * the script was not reviewed yet.
   */
  async updatePackageScript(path: string, text: string): Promise<FindingsByFile | undefined> {
    const sessions = this.pkg.scripts;
    this.setPackageText(path, text);
    const env = sessions?.lastEnv(path);
    if (!sessions || !env) {
      return undefined;
    }
    const findings = lintScript(SCRIPT_RULES, await sessions.model(path, text), env);
    return byFile([path], applyLedger(findings, this.result?.ledger).open);
  }

  /** An unsaved text of a file of an unpacked package, standing in for the file in later reviews. */
  setPackageText(path: string, text: string): void {
    this.pkg.overlay?.set(path, text);
  }

  /** The file of an unpacked package is the file on disk again. */
  forgetPackageFile(path: string): void {
    this.pkg.overlay?.delete(path);
  }

  dispose(): void {
    this.pkg.scripts?.dispose();
  }
}

/**
 * Shell scripts of the user's workspace, outside any package: the script rules alone, with the workspace's
 * inventory and nothing of a package around them. One session per script keeps re-lints incremental.
 */
export class WorkspaceScripts {
  private readonly sessions = new ScriptSessions();
  private env?: ScriptEnv;

  /** The workspace changed (a new inventory): the next lint reads it again. */
  setWorkspace(workspace: Workspace): void {
    const inv = workspace.inventory;
    this.env = {
      inventory: inv ? parseInventory(inv.text, inv.path) : undefined,
      reboot: undefined,
      undoText: '',
      isUndoScript: false,
      packageText: new Map(),
      packageUnits: new Set(),
      sourced: [],
      now: new Date(),
    };
  }

  async lint(path: string, text: string, now = new Date()): Promise<Finding[]> {
    if (!this.env) {
      throw new Error('WorkspaceScripts.lint before setWorkspace');
    }
    // A new environment only when the day changes: the findings kept per part are keyed by it.
    if (this.env.now.toDateString() !== now.toDateString()) {
      this.env = { ...this.env, now };
    }
    const env = this.env;
    return lintScript(SCRIPT_RULES, await this.sessions.model(path, text), env).map((f) => ({ ...f, origin: 'workspace' as const }));
  }

  /** Forgets every script (linting turned off). */
  clear(): void {
    this.sessions.keepOnly(new Set());
  }

  dispose(): void {
    this.sessions.dispose();
  }
}
