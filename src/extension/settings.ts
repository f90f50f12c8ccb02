import * as vscode from 'vscode';
import { defaultSettings, MiB, type ReviewSettings } from '../core/settings';
import { DEFAULT_CONFIG_PATTERNS } from '../core/config/findFiles';
import { loadWorkspace, type Workspace } from '../core/workspace';
import { emptyWorkspace } from '../core/review';
import { readUserFile } from '../core/userFile';
import { SETTINGS } from './constants';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS.section);
}

export function workspaceRoot(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri;
}

/** Absolute path of a setting that names a file, relative ones resolved against the workspace. */
function resolvePath(p: string): string {
  const root = workspaceRoot();
  return p.startsWith('/') || /^[a-zA-Z]:/.test(p) || !root ? p : vscode.Uri.joinPath(root, p).fsPath;
}

export async function reviewSettings(): Promise<ReviewSettings> {
  const c = config();
  // Restricted settings: in an untrusted workspace only the user's own values apply.
  const trusted = vscode.workspace.isTrusted;
  const paths = (key: string): string[] => (trusted ? c.get<string[]>(key, []) : (c.inspect<string[]>(key)?.globalValue ?? [])) ?? [];
  const read = async (list: string[], what: string): Promise<string[]> => {
    const pems: string[] = [];
    for (const p of list) {
      const read = await readUserFile(resolvePath(p));
      if ('text' in read) {
        pems.push(read.text);
      } else {
        void vscode.window.showWarningMessage(`Upgrade Inspector: ${what} ${p} ${'problem' in read ? read.problem : 'is not there'}.`);
      }
    }
    return pems;
  };
  const base = defaultSettings();
  const shellcheckPath = trusted ? c.get<string>(SETTINGS.shellcheckPath, 'shellcheck') : (c.inspect<string>(SETTINGS.shellcheckPath)?.globalValue ?? 'shellcheck');
  return defaultSettings({
    trustedRoots: await read(paths(SETTINGS.trustedRoots), 'trusted root'),
    extraCertificates: await read(paths(SETTINGS.extraCertificates), 'vendor certificate'),
    trustedKeys: await read(paths(SETTINGS.trustedKeys), 'trusted OpenPGP key'),
    staleYears: c.get<number>(SETTINGS.staleYears, 3),
    limits: {
      ...base.limits,
      maxEntryBytes: c.get<number>(SETTINGS.maxEntrySizeMB, 2048) * MiB,
      maxRatio: c.get<number>(SETTINGS.maxRatio, 200),
      maxTotalBytes: c.get<number>(SETTINGS.maxTotalSizeMB, 8192) * MiB,
      maxDepth: c.get<number>(SETTINGS.maxDepth, 4),
    },
    shellcheck: { enabled: c.get<boolean>(SETTINGS.shellcheckEnable, true), path: shellcheckPath },
  });
}

export function configPatterns(): string[] {
  return config().get<string[]>(SETTINGS.configFiles, DEFAULT_CONFIG_PATTERNS);
}

export async function loadReviewWorkspace(): Promise<Workspace> {
  const root = workspaceRoot();
  if (!root) {
    return emptyWorkspace();
  }
  const inventory = config().get<string>(SETTINGS.inventory, '');
  return loadWorkspace(root.fsPath, { inventoryPath: inventory ? resolvePath(inventory) : undefined, configPatterns: configPatterns() });
}

export async function setInventorySetting(path: string): Promise<void> {
  await config().update(SETTINGS.inventory, path, vscode.ConfigurationTarget.Workspace);
}

export async function addTrustedRoot(path: string): Promise<void> {
  const current = config().inspect<string[]>(SETTINGS.trustedRoots)?.globalValue ?? [];
  if (!current.includes(path)) {
    await config().update(SETTINGS.trustedRoots, [...current, path], vscode.ConfigurationTarget.Global);
  }
}

/** Files of a package are opened in an editor up to this size (setting upgradeInspector.limits.maxOpenSizeMB). */
export function openLimitBytes(): number {
  return config().get<number>(SETTINGS.maxOpenSizeMB, 64) * MiB;
}
