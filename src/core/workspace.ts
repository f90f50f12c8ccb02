import { join } from 'node:path';
import { LEDGER_PATH, parseLedger, type Ledger } from './ledger';
import { findConfigFiles } from './config/findFiles';
import type { TextFile } from './textFile';
import { append } from './append';
import { readUserFile } from './userFile';

export const WORKSPACE_DIR = '.upgrade-inspector';
export const INVENTORY_PATH = `${WORKSPACE_DIR}/inventory.json`;
export const DEPRECATIONS_PATH = `${WORKSPACE_DIR}/deprecations.json`;

export type { TextFile } from './textFile';

/** The user's side of a review: their config files and the .upgrade-inspector/ files. */
export interface Workspace {
  /** Absolute folder, when the workspace is on disk. */
  root?: string;
  ledger?: Ledger;
  /** inventory.json (or the file named by --inventory / the setting), as text. */
  inventory?: TextFile;
  /** .upgrade-inspector/deprecations.json, as text. */
  deprecations?: TextFile;
  /** Candidate config files (relative paths), as text. */
  configFiles: TextFile[];
  /** Problems reading the workspace files, said once each. */
  notes: string[];
  /** Why the workspace's inventory, which is there, could not be read (also one of the notes). */
  inventoryProblem?: string;
}

/**
 * A file of .upgrade-inspector/: its text, or undefined when it is not there; one that is there and cannot be
 * read (a folder, no permission) is said in `notes`, never a failed review.
 */
async function readOptional(path: string, shown: string, notes: string[]): Promise<{ text?: string; problem?: string }> {
  const read = await readUserFile(path);
  if ('problem' in read) {
    const problem = `${shown} ${read.problem}, so it was not used`;
    notes.push(problem);
    return { problem };
  }
  return { text: 'text' in read ? read.text : undefined };
}

/** The .upgrade-inspector/ files; an inventory named by the user (`inventoryPath`) that cannot be read is an error. */
export async function loadWorkspaceFiles(root: string, inventoryPath?: string): Promise<Omit<Workspace, 'configFiles'>> {
  const notes: string[] = [];
  const ledgerText = (await readOptional(join(root, LEDGER_PATH), LEDGER_PATH, notes)).text;
  const ledger = ledgerText === undefined ? undefined : parseLedger(ledgerText);
  append(notes, ledger?.problems ?? []);
  let invText: string | undefined;
  let inventoryProblem: string | undefined;
  if (inventoryPath) {
    const read = await readUserFile(inventoryPath);
    if (!('text' in read)) {
      throw Object.assign(new Error('missing' in read ? `${inventoryPath}: no such file` : `${inventoryPath}: the inventory ${read.problem}`), { code: 'missing' in read ? 'ENOENT' : 'EUNREADABLE' });
    }
    invText = read.text;
  } else {
    ({ text: invText, problem: inventoryProblem } = await readOptional(join(root, INVENTORY_PATH), INVENTORY_PATH, notes));
  }
  const depText = (await readOptional(join(root, DEPRECATIONS_PATH), DEPRECATIONS_PATH, notes)).text;
  return {
    root,
    ledger,
    inventory: invText === undefined ? undefined : { path: inventoryPath ?? INVENTORY_PATH, text: invText },
    deprecations: depText === undefined ? undefined : { path: DEPRECATIONS_PATH, text: depText },
    notes,
    ...(inventoryProblem !== undefined ? { inventoryProblem } : {}),
  };
}

/** Names what of the workspace could not be read (the first few), in one note: `one` and `many` say what it is. */
function notReadNote(items: readonly string[], one: string, many: string, left: string): string[] {
  if (items.length === 0) {
    return [];
  }
  const shown = items.slice(0, 5).join(', ');
  const more = items.length > 5 ? ` and ${items.length - 5} more` : '';
  return [`${items.length === 1 ? one : `${items.length} ${many}`} of the workspace could not be ${left}: ${shown}${more}`];
}

/**
 * The whole workspace: .upgrade-inspector/ files and candidate config files. `blocking` reads with blocking
 * calls, for a one-shot command (the editor's host, which every extension shares, reads through the pool).
 */
export async function loadWorkspace(root: string, options: { inventoryPath?: string; configPatterns?: string[]; blocking?: boolean } = {}): Promise<Workspace> {
  const files = await loadWorkspaceFiles(root, options.inventoryPath);
  const found = await findConfigFiles(root, options.configPatterns, options.blocking);
  return {
    ...files,
    configFiles: found.files,
    notes: [
      ...files.notes,
      ...notReadNote(found.unreadable, 'a config file', 'config files', `read, so config drift was not checked in ${found.unreadable.length === 1 ? 'it' : 'them'}`),
      ...notReadNote(found.unlistable, 'a folder', 'folders', `listed, so config drift was not checked in the files ${found.unlistable.length === 1 ? 'it holds' : 'they hold'}`),
    ],
  };
}
