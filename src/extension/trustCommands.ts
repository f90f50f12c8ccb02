import * as vscode from 'vscode';
import { chainQuestion, rootQuestion } from '../core/signature/describe';
import { COMMANDS, SETTINGS } from './constants';
import type { PackageRegistry } from './packages';
import { addTrustedRoot } from './settings';
import { relativePath } from './uris';
import { readUserFile } from '../core/userFile';

/** A certificate file the user chose, unless it comes from a package under review (never trust what it ships). */
async function pickCertificate(registry: PackageRegistry, arg: unknown, label: string): Promise<{ uri: vscode.Uri; text: string } | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'PEM certificates': ['pem', 'crt', 'cer'] }, openLabel: label }))?.[0];
  if (!uri) {
    return undefined;
  }
  const insidePackage = uri.scheme !== 'file' || registry.list().some((p) => p.uri.toString() === uri.toString() || relativePath(p.uri, uri) !== undefined);
  if (insidePackage) {
    void vscode.window.showErrorMessage('Upgrade Inspector: a certificate taken from the package under review proves nothing about it. Use the file the vendor sent you, from outside the package.');
    return undefined;
  }
  const read = await readUserFile(uri.fsPath);
  if ('text' in read) {
    return { uri, text: read.text };
  }
  void vscode.window.showErrorMessage(`Upgrade Inspector: ${uri.fsPath} ${'problem' in read ? read.problem : 'is not there'}.`);
  return undefined;
}

type Question = { message: string; detail: string } | undefined;

/** Picks a certificate file, asks `question` about it (modal, with `button`), and applies it when confirmed. */
async function confirmed(registry: PackageRegistry, arg: unknown, label: string, question: (text: string) => Question, button: string, apply: (uri: vscode.Uri) => Promise<void>): Promise<void> {
  const picked = await pickCertificate(registry, arg, label);
  const asked = picked && question(picked.text);
  if (picked && !asked) {
    void vscode.window.showErrorMessage(`Upgrade Inspector: ${picked.uri.fsPath} holds no PEM certificate.`);
  }
  if (picked && asked && (await vscode.window.showWarningMessage(asked.message, { modal: true, detail: asked.detail }, button)) === button) {
    await apply(picked.uri);
    await registry.review();
  }
}

/** Trust Root Certificate… and Add Vendor Chain…: each shows what it is about to use, by subject and fingerprint, first. */
export function registerTrustCommands(registry: PackageRegistry): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.trustRootCertificate, (arg?: unknown) => confirmed(registry, arg, 'Trust Root', rootQuestion, 'Trust', (uri) => addTrustedRoot(uri.fsPath))),
    vscode.commands.registerCommand(COMMANDS.addVendorChain, (arg?: unknown) =>
      confirmed(registry, arg, 'Add Chain', chainQuestion, 'Add', async (uri) => {
        const config = vscode.workspace.getConfiguration(SETTINGS.section);
        const current = config.inspect<string[]>(SETTINGS.extraCertificates)?.globalValue ?? [];
        if (!current.includes(uri.fsPath)) {
          await config.update(SETTINGS.extraCertificates, [...current, uri.fsPath], vscode.ConfigurationTarget.Global);
        }
      }),
    ),
  ];
}
