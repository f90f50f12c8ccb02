import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { chainQuestion, rootQuestion } from '../core/signature/describe';
import { COMMANDS, SETTINGS } from './constants';
import type { PackageRegistry } from './packages';
import { addTrustedRoot } from './settings';
import { relativePath } from './uris';

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
  try {
    return { uri, text: await readFile(uri.fsPath, 'utf8') };
  } catch (e) {
    void vscode.window.showErrorMessage(`Upgrade Inspector: ${uri.fsPath} cannot be read (${(e as Error).message}).`);
    return undefined;
  }
}

/** Trust Root Certificate… and Add Vendor Chain…: each shows what it is about to use, by subject and fingerprint, first. */
export function registerTrustCommands(registry: PackageRegistry): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.trustRootCertificate, async (arg?: unknown) => {
      const picked = await pickCertificate(registry, arg, 'Trust Root');
      const question = picked && rootQuestion(picked.text);
      if (picked && !question) {
        void vscode.window.showErrorMessage(`Upgrade Inspector: ${picked.uri.fsPath} holds no PEM certificate.`);
      }
      if (picked && question && (await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, 'Trust')) === 'Trust') {
        await addTrustedRoot(picked.uri.fsPath);
        await registry.review();
      }
    }),
    vscode.commands.registerCommand(COMMANDS.addVendorChain, async (arg?: unknown) => {
      const picked = await pickCertificate(registry, arg, 'Add Chain');
      const question = picked && chainQuestion(picked.text);
      if (picked && !question) {
        void vscode.window.showErrorMessage(`Upgrade Inspector: ${picked.uri.fsPath} holds no PEM certificate.`);
      }
      if (picked && question && (await vscode.window.showInformationMessage(question.message, { modal: true, detail: question.detail }, 'Add')) === 'Add') {
        const config = vscode.workspace.getConfiguration(SETTINGS.section);
        const current = config.inspect<string[]>(SETTINGS.extraCertificates)?.globalValue ?? [];
        if (!current.includes(picked.uri.fsPath)) {
          await config.update(SETTINGS.extraCertificates, [...current, picked.uri.fsPath], vscode.ConfigurationTarget.Global);
        }
        await registry.review();
      }
    }),
  ];
}
